import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TExchangeIssue } from '../../../contracts/exchange';

/*
 * Reading the XML messages of 单一窗口 (docs/exchange/single-window.md). Elements only (attributes are not part of
 * the format), every value kept as text (a declaration number or a code with leading zeros must not become a number),
 * and no DOCTYPE: the format has none, and refusing it shuts out entity expansion (billion laughs) and external
 * entities before the parser sees the text.
 */

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export function parseXml(
  bytes: Buffer,
  arrays: readonly string[],
  say: (zh: string, en: string) => string,
): { ok: true; root: XmlNode } | { ok: false; issues: TExchangeIssue[] } {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return {
      ok: false,
      issues: [
        {
          where: 'DOCTYPE',
          reason: say(
            '报文不得包含 DOCTYPE 或实体声明',
            'the message must not contain a DOCTYPE or entity declarations',
          ),
        },
      ],
    };
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      ok: false,
      issues: [
        {
          where: say(
            `第 ${valid.err.line} 行第 ${valid.err.col} 列`,
            `line ${valid.err.line}, column ${valid.err.col}`,
          ),
          reason: say(`不是格式正确的 XML：${valid.err.msg}`, `not well-formed XML: ${valid.err.msg}`),
        },
      ],
    };
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.includes(name),
  });
  const root = parser.parse(text) as XmlNode;
  return { ok: true, root };
}

/** The child element as a node (an empty element or text gives an empty node). */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = node[name];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  if (v === '') return {};
  return undefined;
}

/** The children of that name (always a list: the parser was told which names repeat). */
export function children(node: XmlNode | undefined, name: string): XmlValue[] {
  const v = node?.[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of a child element ('' when absent or not text). */
export function text(node: XmlValue | undefined, name: string): string {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return '';
  const v = node[name];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A message head of 单一窗口: its id, type, sender, receiver, send time and version. */
export interface MessageHead {
  messageId: string;
  messageType: string;
  sender: string;
  receiver: string;
  sendTime: string;
  version: string;
}

export function messageHead(root: XmlNode | undefined): MessageHead {
  const h = child(root, 'MessageHead');
  return {
    messageId: text(h, 'MessageId'),
    messageType: text(h, 'MessageType'),
    sender: text(h, 'Sender'),
    receiver: text(h, 'Receiver'),
    sendTime: text(h, 'SendTime'),
    version: text(h, 'Version'),
  };
}
