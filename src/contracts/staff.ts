import { z } from 'zod';
import { ZVerdict } from './centre';
import { ZIdText } from './common';

/** 派驻人员 (SPEC §2, Art. 7). */
export const ZStaffInput = z.object({
  name: z.string().trim().min(2).max(50),
  /** Years in international trade; Art. 7 counts those with 3 or more. */
  tradeYears: z.number().min(0).max(60),
  /** 专业报关员 */
  customsDeclarant: z.boolean(),
  /** 熟练的口语和书面翻译能力 */
  foreignLanguage: z.boolean(),
  /** 社会保险参保证明 (certificate number or description). */
  socialInsuranceProof: z.string().trim().min(2).max(200),
});
export type TStaffInput = z.infer<typeof ZStaffInput>;

export const ZStaff = ZStaffInput.extend({ id: z.number().int(), createdAt: z.string() });
export type TStaff = z.infer<typeof ZStaff>;

export const ZStaffRoster = z.object({
  items: z.array(ZStaff),
  total: z.number().int(),
  /** The four Art. 7 verdicts for this centre's park level under the parameter version in force. */
  verdicts: z.array(ZVerdict),
});
export type TStaffRoster = z.infer<typeof ZStaffRoster>;

export const ZStaffParams = z.object({
  id: ZIdText,
  staffId: ZIdText,
});

export const ZImportRowError = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;
export const ZImportResult = z.object({ imported: z.number().int() });

/** Column headers of the staff import file, in order. */
export const STAFF_IMPORT_HEADERS = ['姓名', '从事国际贸易年限', '报关员资格', '外语能力', '社保缴纳证明'] as const;
