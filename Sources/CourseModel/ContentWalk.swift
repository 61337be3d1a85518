/// Who may see a piece of content: the one decision of trainer-only scope.
///
/// Trainer-only are: pages with `audience: trainer`, `TRAINER` and `ANSWER` callouts, a question's
/// explanation or rubric, and everything inside them (headings, footnote and link definitions
/// included). The renderer, the search index, the print page, the downloads, the validator and the
/// leak check all ask this type — none decides it again.
public enum Scope: Sendable, Hashable {
    /// Both editions.
    case everyone
    /// The trainer edition only.
    case trainerOnly

    /// Whether content of this scope belongs in `edition`.
    public func isVisible(in edition: Edition) -> Bool { self == .everyone || edition == .trainer }

    /// The scope of content inside something of scope `self` that is itself `inner`.
    public func entering(_ inner: Scope) -> Scope { self == .trainerOnly || inner == .trainerOnly ? .trainerOnly : .everyone }
}

extension Callout {
    /// `TRAINER` and `ANSWER` callouts are trainer-only; the others are for everyone.
    public var scope: Scope { kind.isTrainerOnly ? .trainerOnly : .everyone }
}

extension Page {
    /// The scope of the whole page.
    public var scope: Scope { audience == .trainer ? .trainerOnly : .everyone }

    /// Whether the footnote `label` was defined inside trainer-only content.
    public func footnoteScope(_ label: String) -> Scope { trainerOnlyFootnotes.contains(label) ? .trainerOnly : scope }

    /// Every block of the page, in document order, with its scope (see ``ContentWalk``).
    public func walk(_ visit: (ContentBlock, Scope) -> Void) {
        ContentWalk.walk(blocks, scope: scope, visit)
    }
}

/// The one traversal of content: every block in document order, nested ones included (list items,
/// quotes, callout bodies, a question's stem and its explanation as a callout), each with the
/// ``Scope`` it stands in. Everything that needs "all the text", "all the references" or "all the
/// questions" of a page walks with this, so a new kind of nesting is handled in one place.
public enum ContentWalk {
    /// Calls `visit` for each block of `blocks` and of everything nested in them.
    public static func walk(_ blocks: [ContentBlock], scope: Scope = .everyone, _ visit: (ContentBlock, Scope) -> Void) {
        for b in blocks {
            // A callout is in its own scope: the title of a TRAINER callout is trainer-only too.
            if case .callout(let c) = b.kind {
                visit(b, scope.entering(c.scope))
            } else {
                visit(b, scope)
            }
            switch b.kind {
            case .list(_, let items):
                for item in items { walk(item, scope: scope, visit) }
            case .quote(let inner):
                walk(inner, scope: scope, visit)
            case .callout(let c):
                walk(c.body, scope: scope.entering(c.scope), visit)
            case .question(let q):
                walk(q.stem, scope: scope, visit)
                if let e = q.explanation {
                    walk([ContentBlock(.callout(e), at: b.position)], scope: scope, visit)
                }
            case .paragraph, .heading, .table, .screening, .code, .thematicBreak:
                continue
            }
        }
    }

    /// The text of one block itself (not of the blocks nested in it) as readers see it, one string
    /// per paragraph-like part: a paragraph, a heading, a callout's title, a question's prompt and
    /// options, a table's rows, a screening tool, a code block.
    public static func ownText(_ b: ContentBlock) -> [String] {
        switch b.kind {
        case .paragraph(let s): return [s.plainText]
        case .heading(let h): return [h.spans.plainText]
        case .callout(let c): return [c.title.plainText]
        case .question(let q): return [q.prompt] + q.options.map(\.spans.plainText)
        case .table(let t): return t.textRows.map { $0.joined(separator: " ") }
        case .screening(let s): return [s.plainText]
        case .code(_, let literal): return [literal]
        case .list, .quote, .thematicBreak: return []
        }
    }

    /// The spans of one block itself that may hold references and footnote markers, with where the
    /// block starts.
    public static func ownSpans(_ b: ContentBlock) -> [[Span]] {
        switch b.kind {
        case .paragraph(let s): return [s]
        case .heading(let h): return [h.spans]
        case .callout(let c): return [c.title]
        case .question(let q): return [q.heading.spans] + q.options.map(\.spans)
        case .table(let t): return t.header + t.rows.flatMap { $0 }
        case .list, .quote, .screening, .code, .thematicBreak: return []
        }
    }
}
