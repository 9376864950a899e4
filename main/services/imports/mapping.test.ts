import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { TEST_REGISTER } from '../../../tests/fixtures/imports/test-register';
import { autoMapping, checkMapping, headerScorer, normaliseHeader } from './mapping';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('normaliseHeader', () => {
  it('ignores spaces of every width, line breaks, asterisks, bracket width and case', () => {
    expect(normaliseHeader(' 身 份\u3000证号 *')).toBe('身份证号');
    expect(normaliseHeader('乡镇\n（街道）＊')).toBe('乡镇(街道)');
    expect(normaliseHeader('ID Number')).toBe('idnumber');
  });
});

describe('headerScorer', () => {
  it('counts the cells that name a column, by header in either language or alias', () => {
    const score = headerScorer(TEST_REGISTER);
    expect(score(['公民身份号码', 'Name', '乡镇（街道）*', '备注', ''])).toBe(3);
    expect(score(['云城区民政局 人员台账'])).toBe(0);
    expect(score.example).toBe('身份证号、姓名');
  });
});

describe('autoMapping', () => {
  it('maps each column to the first file column that matches, once', () => {
    const mapping = autoMapping(TEST_REGISTER, ['序号', '姓名', '身份证号码', '乡镇(街道)', '身份证号', '错误说明']);
    expect(mapping).toMatchObject({ name: 1, idNumber: 2, townCode: 3, birthDate: null, kind: null });
    expect(Object.keys(mapping)).toEqual(TEST_REGISTER.columns.map((c) => c.key));
  });
});

describe('checkMapping', () => {
  const headers = ['身份证号', '姓名', '类型', '备注'];

  it('returns the full mapping, unmapped columns null, unknown keys dropped', () => {
    const mapping = checkMapping(TEST_REGISTER, headers, { idNumber: 0, name: 1, kind: 2, nonsense: 3 }, 'zh-CN');
    expect(mapping).toMatchObject({ idNumber: 0, name: 1, kind: 2, phone: null });
    expect(Object.keys(mapping)).toEqual(TEST_REGISTER.columns.map((c) => c.key));
  });

  it('refuses a required column left out, naming it in the request’s language', () => {
    const zh = refusal(() => checkMapping(TEST_REGISTER, headers, { idNumber: 0, kind: 2 }, 'zh-CN'));
    expect(zh.code).toBe('IMPORT_COLUMN_NOT_MAPPED');
    expect(zh.params).toEqual({ column: '姓名' });
    const en = refusal(() => checkMapping(TEST_REGISTER, headers, { idNumber: 0, name: null, kind: 2 }, 'en'));
    expect(en.params).toEqual({ column: 'Name' });
  });

  it('refuses one file column mapped twice', () => {
    const error = refusal(() => checkMapping(TEST_REGISTER, headers, { idNumber: 0, name: 1, kind: 2, phone: 1 }, 'zh-CN'));
    expect(error.code).toBe('IMPORT_COLUMN_MAPPED_TWICE');
    expect(error.params).toEqual({ index: 2, first: '姓名', second: '联系电话' });
  });

  it('refuses a column past the file’s columns', () => {
    const error = refusal(() => checkMapping(TEST_REGISTER, headers, { idNumber: 0, name: 1, kind: 2, phone: 4 }, 'zh-CN'));
    expect(error.code).toBe('IMPORT_COLUMN_OUT_OF_RANGE');
    expect(error.params).toEqual({ column: '联系电话' });
  });
});
