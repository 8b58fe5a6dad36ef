import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_ITEMS, REQUIRED_MATERIALS, type TChecklistEntry } from '../../../contracts/engagement';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import { checklistVerdict, ELIGIBILITY_LABELS, MATERIAL_LABELS, materialsVerdict } from './operator-application';

const v1: PolicyInForce = { version: 1, parameters: POLICY_V1 };

describe('Art. 10(二) application materials', () => {
  it('asks for six materials; the seventh ("other") is optional', () => {
    expect(REQUIRED_MATERIALS).toHaveLength(6);
    expect(REQUIRED_MATERIALS).not.toContain('other');
    const verdict = materialsVerdict([...REQUIRED_MATERIALS], v1);
    expect(verdict).toMatchObject({
      ok: true,
      article: '第十条（二）',
      rule: 'application.materials',
      required: 6,
      actual: 6,
      policyVersion: 1,
    });
    expect(verdict.message['zh-CN']).toBe('申报材料齐全');
  });

  it('refuses five of six, naming the missing one and only it, even with "other" present', () => {
    const present = [...REQUIRED_MATERIALS.filter((k) => k !== 'work_plan'), 'other'];
    const verdict = materialsVerdict(present, v1);
    expect(verdict).toMatchObject({ ok: false, required: 6, actual: 5, article: '第十条（二）', policyVersion: 1 });
    expect(verdict.message['zh-CN']).toContain('申报材料不全');
    expect(verdict.message['zh-CN']).toContain(MATERIAL_LABELS.work_plan['zh-CN']);
    expect(verdict.message['zh-CN']).not.toContain(MATERIAL_LABELS.application_form['zh-CN']);
    expect(verdict.message.en).toContain('work plan');
  });

  it('counts a kind once however many files it has, and ignores evidence files', () => {
    const verdict = materialsVerdict(
      ['application_form', 'application_form', 'application_form', 'eligibility_evidence', 'agreement', 'other'],
      v1,
    );
    expect(verdict).toMatchObject({ ok: false, actual: 1 });
    expect(materialsVerdict([], v1)).toMatchObject({ ok: false, actual: 0 });
  });
});

describe('Art. 10(一) eligibility checklist', () => {
  const confirmedAll = (): TChecklistEntry[] =>
    ELIGIBILITY_ITEMS.map((item) => ({ item, confirmed: true, evidence: '已核查营业执照原件', attachmentIds: [] }));

  it('passes when every condition is confirmed with evidence', () => {
    expect(checklistVerdict(confirmedAll(), v1)).toMatchObject({
      ok: true,
      article: '第十条（一）',
      rule: 'application.eligibilityChecklist',
      required: 8,
      actual: 8,
      policyVersion: 1,
    });
  });

  it('counts a condition confirmed without evidence as missing', () => {
    const entries = confirmedAll().map((e) => (e.item === 'sound_finance' ? { ...e, evidence: '   ' } : e));
    const verdict = checklistVerdict(entries, v1);
    expect(verdict).toMatchObject({ ok: false, actual: 7 });
    expect(verdict.message['zh-CN']).toContain('尚未核实或未注明依据');
    expect(verdict.message['zh-CN']).toContain(ELIGIBILITY_LABELS.sound_finance['zh-CN']);
    expect(verdict.message['zh-CN']).not.toContain(ELIGIBILITY_LABELS.legal_entity['zh-CN']);
  });

  it('counts evidence without confirmation, and an item not listed, as missing', () => {
    const entries = confirmedAll()
      .filter((e) => e.item !== 'not_on_credit_lists')
      .map((e) => (e.item === 'no_violation' ? { ...e, confirmed: false } : e));
    const verdict = checklistVerdict(entries, v1);
    expect(verdict).toMatchObject({ ok: false, actual: 6 });
    expect(verdict.message['zh-CN']).toContain(ELIGIBILITY_LABELS.no_violation['zh-CN']);
    expect(verdict.message['zh-CN']).toContain(ELIGIBILITY_LABELS.not_on_credit_lists['zh-CN']);
  });

  it('starts with nothing confirmed', () => {
    const fresh = ELIGIBILITY_ITEMS.map((item) => ({ item, confirmed: false, evidence: '', attachmentIds: [] }));
    expect(checklistVerdict(fresh, v1)).toMatchObject({ ok: false, actual: 0, required: 8 });
  });
});
