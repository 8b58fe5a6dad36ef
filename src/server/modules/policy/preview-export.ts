import type { FastifyReply } from 'fastify';
import { GRADE_NAMES } from '../../../contracts/assessment';
import type { TLocale } from '../../../contracts/common';
import type { TEntitlementStatus } from '../../../contracts/funding';
import type { TPolicyPreview } from '../../../contracts/policy-draft';
import { loadExcelJS } from '../../lib/exceljs';
import { xlsxCell } from '../../lib/xlsx';

const STATUS: Record<TEntitlementStatus, { 'zh-CN': string; en: string }> = {
  ineligible: { 'zh-CN': '不符合条件', en: 'Not eligible' },
  awaiting_grade: { 'zh-CN': '待定档', en: 'Awaiting grade' },
  due: { 'zh-CN': '应拨付', en: 'Due' },
  withheld: { 'zh-CN': '不予拨付', en: 'Withheld' },
};

type Cell = string | number | null;

/** 元 with two decimals from whole fen (the sheet holds a number; no float ever sums fen). */
const yuan = (fen: number) => fen / 100;

/**
 * The preview as a workbook of four sheets — venue, staffing, entitlements, grades — each with the version in force
 * beside the draft and a 变化 column, so the province can circulate it before publishing (Art. 16). Every cell goes
 * through xlsxCell (centre and operator names come from users).
 */
export async function sendPreviewXlsx(reply: FastifyReply, preview: TPolicyPreview, locale: TLocale) {
  const en = locale === 'en';
  const yes = en ? 'Changes' : '有变化';
  const ok = (v: boolean) => (v ? (en ? 'Meets' : '符合') : en ? 'Fails' : '不符合');
  const Excel = await loadExcelJS();
  const workbook = new Excel.Workbook();
  workbook.creator = '湖北省对外贸易综合服务平台';
  const sheet = (name: string, headers: [string, number][], rows: Cell[][]) => {
    const s = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.columns = headers.map(([header, width], i) => ({ header, key: String(i), width }));
    s.getRow(1).font = { bold: true };
    for (const r of rows) s.addRow(r.map((v) => xlsxCell(v)));
  };
  const where: [string, number][] = [
    [en ? 'City' : '市州', 10],
    [en ? 'County' : '县市区', 10],
    [en ? 'Centre' : '外综服中心', 34],
  ];
  const v = `${en ? 'Version' : '第'} ${preview.inForceVersion}${en ? '' : '版'}`;
  const d = en ? 'Draft' : '草案';
  const place = (r: { cityName: string; countyName: string; centreName: string }) => [
    r.cityName,
    r.countyName,
    r.centreName,
  ];

  for (const [name, rows] of [
    [en ? 'Venue (Art. 6)' : '场地（第六条）', preview.venue],
    [en ? 'Staffing (Art. 7)' : '人员（第七条）', preview.staffing],
  ] as const)
    sheet(
      name,
      [
        ...where,
        [en ? 'Actual' : '实际', 14],
        [`${v} ${en ? 'minimum' : '要求'}`, 14],
        [`${v} ${en ? 'verdict' : '结论'}`, 10],
        [`${d} ${en ? 'minimum' : '要求'}`, 14],
        [`${d} ${en ? 'verdict' : '结论'}`, 10],
        [en ? 'Change' : '变化', 10],
      ],
      rows.map((r) => [
        ...place(r),
        r.actual,
        r.inForce.required,
        ok(r.inForce.ok),
        r.draft.required,
        ok(r.draft.ok),
        r.changed ? yes : '',
      ]),
    );

  sheet(
    en ? `Funding ${preview.entitlementYear ?? ''}` : `资金${preview.entitlementYear ?? ''}`,
    [
      ...where,
      [en ? 'Operator' : '承办企业', 30],
      [en ? 'Grade' : '等次', 8],
      [`${v} ${en ? 'status' : '状态'}`, 12],
      [`${v} ${en ? 'amount (yuan)' : '金额（元）'}`, 14],
      [`${d} ${en ? 'status' : '状态'}`, 12],
      [`${d} ${en ? 'amount (yuan)' : '金额（元）'}`, 14],
      [en ? 'Change' : '变化', 10],
    ],
    preview.entitlements.map((r) => [
      ...place(r),
      r.operatorName,
      r.grade ? GRADE_NAMES[r.grade][locale] : '',
      STATUS[r.inForce.status][locale],
      yuan(r.inForce.amountFen),
      STATUS[r.draft.status][locale],
      yuan(r.draft.amountFen),
      r.changed ? yes : '',
    ]),
  );

  sheet(
    en ? `Grades ${preview.gradeYear ?? ''}` : `等次${preview.gradeYear ?? ''}`,
    [
      ...where,
      [en ? 'Total' : '总分', 8],
      [en ? 'Published grade' : '已公布等次', 12],
      [`${v} ${en ? 'thresholds' : '分数线'}`, 12],
      [`${d} ${en ? 'thresholds' : '分数线'}`, 12],
      [en ? 'Change' : '变化', 10],
    ],
    preview.grades.map((r) => [
      ...place(r),
      Number(r.total),
      GRADE_NAMES[r.publishedGrade][locale],
      GRADE_NAMES[r.inForce][locale],
      GRADE_NAMES[r.draft][locale],
      r.changed ? yes : '',
    ]),
  );

  const buffer = await workbook.xlsx.writeBuffer();
  const fileName = en ? `policy-draft-${preview.draftId}-preview` : `政策参数草案${preview.draftId}影响预览`;
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`)
    .send(Buffer.from(buffer));
}
