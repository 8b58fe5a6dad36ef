import { z } from 'zod';
import { ZHomeAssessment } from './assessment-cycle';
import { ZMessage } from './message';
import { ZServiceCategory } from './service-category';

/**
 * 首页 (issue 11): each role sees its own work first. Every figure and list is counted on the server in the caller's
 * scope; the web only renders. A list carries its first few rows (HOME_LIST_LIMIT) and the total behind them.
 */
export const HOME_LIST_LIMIT = 5;

/** The lists a home can show; the web names each (home.list.<key>) and renders its status with the list's tags. */
export const HOME_LISTS = [
  // enterprise
  'myOpenRequests',
  'myToRate',
  // operator (centre staff)
  'toAccept',
  'inProgress',
  'unrated',
  'rectificationsDue',
  // county
  'enterprisesPending',
  'centreDrafts',
  'engagementsToComplete',
  'changesHandover',
  'rectificationsToFollowUp',
  // city
  'centresToForward',
  'filingsToReport',
  'changesToForward',
  'overdueRectifications',
  // province
  'centresToApprove',
  'centreChangesToDecide',
  'filingsToFile',
  'changesToDecide',
] as const;
export const ZHomeListKey = z.enum(HOME_LISTS);
export type THomeListKey = z.infer<typeof ZHomeListKey>;

export const ZHomeItem = z.object({
  id: z.number().int(),
  /** The page where the caller acts on the row. */
  link: z.string(),
  /** What people call it: a record's number, a centre's or an enterprise's name. */
  title: z.string(),
  /** A second name from the data (the enterprise served, the centre, the operator, the county), if any. */
  subtitle: z.string().nullable(),
  /** A service record's item, named in the reader's language by the web. */
  service: z.object({ category: ZServiceCategory, subItem: z.string() }).nullable(),
  /** The row's status code; the list's key says whose status it is. */
  status: z.string().nullable(),
  /** The day that matters for the list (submitted, completed, due, filing deadline), ISO. */
  day: z.string().nullable(),
  /** Past its deadline (a rectification's answer, an agreement's filing). */
  overdue: z.boolean(),
});
export type THomeItem = z.infer<typeof ZHomeItem>;

export const ZHomeList = z.object({
  key: ZHomeListKey,
  total: z.number().int(),
  items: z.array(ZHomeItem),
  /** The full list behind it, filtered the same way. */
  allLink: z.string(),
});
export type THomeList = z.infer<typeof ZHomeList>;

/** A figure for oversight, not a task: the role above watches it, the role below acts on it. */
export const ZHomeFigure = z.object({
  key: z.enum([
    'overdueFilings',
    'overdueRectifications',
    'reprocurementDue',
    'filed',
    'unreadMessages',
    'open',
    'toRate',
    'userCount',
    'auditToday',
  ]),
  value: z.number().int(),
  link: z.string().nullable(),
});
export type THomeFigure = z.infer<typeof ZHomeFigure>;

/**
 * One row of the province's overview (a city), or of a city's breakdown (a county), with the latest published grades
 * (Art. 12) and the latest funding year's sums (Art. 11).
 */
export const ZRegionOverviewRow = z.object({
  code: z.string(),
  name: z.string(),
  centres: z.object({ recognised: z.number().int(), inApplication: z.number().int(), revoked: z.number().int() }),
  /** Service records submitted this year (Beijing calendar). */
  services: z.number().int(),
  completed: z.number().int(),
  /** Completed this year's records that carry a rating. */
  rated: z.number().int(),
  /** 好评 among them: 非常满意, 满意, 基本满意 (政务服务"好差评"; the statistics' definition, modules/figures). */
  good: z.number().int(),
  filings: z.object({ filed: z.number().int(), overdue: z.number().int(), awaitingProvince: z.number().int() }),
  /** Art. 12(三): the centres of each grade in the latest published assessment year in scope (ZRegionOverview.gradeYear). */
  grades: z.object({
    excellent: z.number().int(),
    good: z.number().int(),
    fair: z.number().int(),
    poor: z.number().int(),
  }),
  /** Art. 11: due and paid (fen) in the latest funding year in scope (ZRegionOverview.fundYear), funding figures. */
  funds: z.object({ dueFen: z.number().int(), paidFen: z.number().int() }),
});
export type TRegionOverviewRow = z.infer<typeof ZRegionOverviewRow>;

export const ZRegionOverview = z.object({
  year: z.number().int(),
  /** The assessment year the grades are of: the latest published in scope, null before any publication. */
  gradeYear: z.number().int().nullable(),
  /** The year the funds are of: the latest with anything due or paid in scope, null before any. */
  fundYear: z.number().int().nullable(),
  rows: z.array(ZRegionOverviewRow),
  totals: ZRegionOverviewRow,
});
export type TRegionOverview = z.infer<typeof ZRegionOverview>;

/** A park committee's centre(s): where each stands and who runs it (Art. 10). */
export const ZParkCentre = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  operatorName: z.string().nullable(),
  engagementStatus: z.string().nullable(),
  serviceEnd: z.string().nullable(),
  openServices: z.number().int(),
});

export const ZDashboard = z.object({
  role: z.enum(['admin', 'province', 'city', 'county', 'park', 'operator', 'enterprise', 'evaluator']),
  /** What the caller answers for: its region, park, centre or enterprise. */
  scopeName: z.string().nullable(),
  /** What waits for the caller, in the order it should look at them. */
  lists: z.array(ZHomeList),
  figures: z.array(ZHomeFigure),
  /** The enterprise's unread 站内消息 (newest first). */
  messages: z.array(ZMessage).nullable(),
  /** The province's overview by city. */
  overview: ZRegionOverview.nullable(),
  parkCentres: z.array(ZParkCentre).nullable(),
  /** The running annual assessment (Art. 12(二)): its deadlines and what waits for the caller; null when none runs. */
  assessment: ZHomeAssessment.nullable(),
});
export type TDashboard = z.infer<typeof ZDashboard>;

/** The province drills into one city: the same columns, one row per county. */
export const ZCityOverviewParams = z.object({ cityCode: z.string().regex(/^\d{6}$/) });
