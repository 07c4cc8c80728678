/**
 * The YAML file as parsed: its document tree, kept so that any config path can be traced back
 * to the line that wrote it, and its syntax errors as ConfigIssues with lines.
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document, Node } from 'yaml'
import type { ConfigIssue, ConfigPath } from './issues.ts'

export class YamlSource {
  readonly file: string
  readonly document: Document
  readonly #lines: LineCounter

  private constructor (file: string, document: Document, lines: LineCounter) {
    this.file = file
    this.document = document
    this.#lines = lines
  }

  /**
   * Parses `text`. YAML 1.2 core schema (so `yes` stays a string), `<<` merge keys allowed,
   * duplicate keys refused. Syntax errors come back as issues; the document is then unusable.
   */
  static parse (text: string, file: string): { source: YamlSource, issues: ConfigIssue[] } {
    const lines = new LineCounter()
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true })
    const source = new YamlSource(file, document, lines)
    // Only the first syntax error: the rest usually cascade from it and bury it.
    const first = document.errors[0]
    if (first === undefined) return { source, issues: [] }
    const line = lines.linePos(first.pos[0]).line
    const lineText = text.split(/\r?\n/)[line - 1] ?? ''
    const fix = /\$\{/.test(lineText) && /[{[]/.test(lineText.replace(/\$\{[^}]*\}/g, ''))
      ? 'a ${…} reference inside { } or [ ] must be quoted; or write that mapping one key per line, where it needs no quotes'
      : "fix the YAML syntax (indentation with spaces, a space after ':', quotes around values containing ': ' or ' #')"
    const more = document.errors.length > 1 ? ` (and ${document.errors.length - 1} more error${document.errors.length > 2 ? 's' : ''} that may follow from it)` : ''
    const issues: ConfigIssue[] = [{ path: [], line, message: `${yamlErrorText(first.message)}${more}; ${fix}` }]
    return { source, issues }
  }

  /** The plain data of the document (aliases resolved). */
  toData (): unknown {
    return this.document.toJS({ maxAliasCount: 1000 })
  }

  /**
   * The line that wrote `path`: the line of its key for a mapping entry, of the item for a list
   * entry. A path that is not in the file (a default, a merged key) gives its deepest ancestor's.
   */
  lineOf (path: ConfigPath): number {
    let node: unknown = this.document.contents
    let line = this.#lineAt(node) ?? 1
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.document)
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))
        if (pair === undefined) break
        line = this.#lineAt(pair.key) ?? line
        node = pair.value
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment]
        if (node === undefined) break
        line = this.#lineAt(node) ?? line
      } else {
        break
      }
    }
    return line
  }

  #lineAt (node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range
    return range === undefined || range === null ? undefined : this.#lines.linePos(range[0]).line
  }
}

/** yaml's message without its trailing " at line L, column C" (we print the line ourselves). */
function yamlErrorText (message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim()
}
