import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../shared/errors';
import { decodeEntities, MAX_XML_DEPTH, xmlEscape } from '../hypervisor/libvirt/xml';

/**
 * A domain XML as an ordered tree, to be read and changed element by element and written back by
 * an XML writer: how the New VM wizard makes a domain and Clone rewrites one. Names, pools, paths
 * are never spliced into XML text: they go in as escaped text and attribute values.
 *
 * The tree is fast-xml-parser's ordered form: each element is `{ [tag]: children, ':@': attrs }`,
 * each text `{ '#text': … }`. Text and attributes are kept escaped, as written (entities are not
 * expanded: a template or a host's XML is data, and entity expansion an attack surface).
 */
export type XmlElement = { [tag: string]: XmlItem[] } & { ':@'?: Record<string, string> };
export type XmlText = { '#text': string };
export type XmlItem = XmlElement | XmlText;

const ATTR = '@_';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: MAX_XML_DEPTH,
  commentPropName: false,
});

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  processEntities: false, // the tree holds escaped text already (see `el`)
  suppressEmptyNode: true,
  format: true,
  indentBy: '  ',
});

/** Parse a domain XML (a template, or a host's dumpxml); anything else is refused in words. */
export function parseDomain(xml: string, what: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AppError(
      'invalid-request',
      `${what} is not well-formed XML (${valid.err.msg}, line ${valid.err.line})`,
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new AppError('invalid-request', `${what} declares a DOCTYPE or entities: not taken`);
  }
  let tree: XmlItem[];
  try {
    tree = parser.parse(xml) as XmlItem[];
  } catch (thrown) {
    throw new AppError('invalid-request', `${what} could not be read`, {
      detail: thrown instanceof Error ? thrown.message : String(thrown),
    });
  }
  const domain = tree.find((item) => tagOf(item) === 'domain');
  if (domain === undefined || isText(domain)) {
    throw new AppError('invalid-request', `${what} is not a libvirt <domain>`);
  }
  return domain;
}

/** The XML text of a domain element. */
export function writeDomain(domain: XmlElement): string {
  return builder.build([domain]).trimStart();
}

/** A new element; attribute values and text are escaped here, once. */
export function el(
  tag: string,
  attrs: Record<string, string> = {},
  content: (XmlItem | string)[] = [],
): XmlElement {
  const node = {
    [tag]: content.map((c) => (typeof c === 'string' ? { '#text': xmlEscape(c) } : c)),
  } as XmlElement;
  const entries = Object.entries(attrs);
  if (entries.length > 0) {
    node[':@'] = Object.fromEntries(entries.map(([k, v]) => [ATTR + k, xmlEscape(v)]));
  }
  return node;
}

export function isText(item: XmlItem): item is XmlText {
  return '#text' in item;
}

export function tagOf(item: XmlItem): string | undefined {
  if (isText(item)) return undefined;
  return Object.keys(item).find((k) => k !== ':@');
}

export function childrenOf(node: XmlElement): XmlItem[] {
  const tag = tagOf(node);
  return tag === undefined ? [] : (node[tag] ?? []);
}

export function elements(node: XmlElement, tag: string): XmlElement[] {
  return childrenOf(node).filter((c): c is XmlElement => !isText(c) && tagOf(c) === tag);
}

export function first(node: XmlElement, tag: string): XmlElement | undefined {
  return elements(node, tag)[0];
}

/** An attribute's value, unescaped. */
export function attr(node: XmlElement | undefined, name: string): string | undefined {
  const raw = node?.[':@']?.[ATTR + name];
  return typeof raw === 'string' ? decodeEntities(raw) : undefined;
}

export function setAttr(node: XmlElement, name: string, value: string): void {
  node[':@'] = { ...(node[':@'] ?? {}), [ATTR + name]: xmlEscape(value) };
}

export function removeAttr(node: XmlElement, name: string): void {
  const attrs = node[':@'];
  if (attrs === undefined) return;
  const { [ATTR + name]: _gone, ...rest } = attrs;
  node[':@'] = rest;
}

/** The element's text, unescaped. */
export function textOf(node: XmlElement | undefined): string | undefined {
  if (node === undefined) return undefined;
  const parts = childrenOf(node).filter(isText);
  return parts.length === 0 ? undefined : decodeEntities(parts.map((t) => t['#text']).join(''));
}

/** Set the one child `tag` (made if missing, placed where `before` says or last) to this element. */
export function replaceChild(parent: XmlElement, replacement: XmlElement): void {
  const tag = tagOf(replacement)!;
  const list = childrenOf(parent);
  const at = list.findIndex((c) => tagOf(c) === tag);
  removeChildren(parent, tag);
  list.splice(at < 0 ? list.length : Math.min(at, list.length), 0, replacement);
}

export function removeChildren(parent: XmlElement, tag: string): void {
  const list = childrenOf(parent);
  for (let i = list.length - 1; i >= 0; i--) if (tagOf(list[i]!) === tag) list.splice(i, 1);
}

export function append(parent: XmlElement, ...items: XmlElement[]): void {
  childrenOf(parent).push(...items);
}

/** The child `tag`, made (empty, last) if missing. */
export function ensure(parent: XmlElement, tag: string): XmlElement {
  const found = first(parent, tag);
  if (found) return found;
  const made = el(tag);
  append(parent, made);
  return made;
}
