/** Placeholder: replaced by the page's author (issue 6). */
export function MyServiceListPage() {
  return null;
}
