import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseError } from './parse-error';

/** A parsed XML element as fast-xml-parser gives it: attributes as '@_name', text as '#text'. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** libvirt's documents nest about 6 levels deep; far deeper is a broken or hostile host. */
export const MAX_XML_DEPTH = 64;

// Entities stay unprocessed: libvirt's XML is host data, and entity expansion is an attack surface.
const parser = new XMLParser({
  maxNestedTags: MAX_XML_DEPTH,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

/** Validate, then parse; malformed or truncated XML is a parse-error naming the command. */
export function parseXml(text: string, command: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw parseError(command, `malformed XML (${valid.err.msg}, line ${valid.err.line})`, text);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (thrown) {
    // fast-xml-parser throws plain Errors (its depth limit among them): name them as host output.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const why = /nested/i.test(message)
      ? `XML nested deeper than ${MAX_XML_DEPTH} levels`
      : `unreadable XML (${message})`;
    throw parseError(command, why, text);
  }
  if (!isNode(parsed)) throw parseError(command, 'no XML document', text);
  return parsed;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  return isNode(node) ? node[name] : undefined;
}

/** Every element of that name: one element parses as a node, several as an array. */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The elements of <metadata> named `local` in namespace `ns`, each with the prefix its writer
 * chose (undefined for a default namespace): found by the namespace URI, never by the prefix.
 */
export function* metadataElements(
  metadata: XmlValue | undefined,
  local: string,
  ns: string,
): Generator<{ element: XmlValue; prefix: string | undefined }> {
  if (!isNode(metadata)) return;
  for (const key of Object.keys(metadata)) {
    const [prefix, name] = key.includes(':') ? key.split(':', 2) : [undefined, key];
    if (name !== local) continue;
    for (const element of children(metadata, key)) {
      const declared = attribute(element, prefix === undefined ? 'xmlns' : `xmlns:${prefix}`);
      if (declared === ns) yield { element, prefix };
    }
  }
}

/** The text of an element, whether it has attributes (#text) or not. */
export function text(node: XmlValue | undefined): string | undefined {
  if (typeof node === 'string') return decodeEntities(node);
  const inner = child(node, '#text');
  return typeof inner === 'string' ? decodeEntities(inner) : undefined;
}

export function attribute(node: XmlValue | undefined, name: string): string | undefined {
  const value = child(node, `@_${name}`);
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

/** Only XML's five predefined entities and character references: no DTD entity is expanded. */
export function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return codePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return codePoint(Number.parseInt(name.slice(1), 10), whole);
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name] ?? whole;
  });
}

function codePoint(value: number, fallback: string): string {
  return value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}

/** The reverse of decodeEntities for text we write: every character that could end an attribute or start markup becomes a character reference. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
