/** Placeholder: replaced by the page's author (issue 6). */
export function EnterpriseListPage() {
  return null;
}
