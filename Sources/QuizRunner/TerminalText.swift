import CourseModel
import Markdown

/// Course content as terminal paragraphs: list items keep a bullet or number, table rows are
/// joined with «|», callouts keep their title.
enum TerminalText {
    /// The paragraphs of `blocks`; trainer-only callouts only when `trainerOnly` is true.
    static func paragraphs(_ blocks: [ContentBlock], trainerOnly: Bool) -> [String] {
        blocks.flatMap { paragraphs($0, trainerOnly: trainerOnly) }.filter { !$0.isEmpty }
    }

    /// The paragraphs of one block.
    static func paragraphs(_ b: ContentBlock, trainerOnly: Bool) -> [String] {
        switch b.kind {
        case .callout(let c) where c.kind.isTrainerOnly && !trainerOnly: return []
        case .callout(let c): return [c.title.plainText] + paragraphs(c.body, trainerOnly: trainerOnly)
        case .list(let style, let items):
            return items.enumerated().map { i, item in
                let marker = style.ordered ? "\(style.start + i). " : "• "
                return marker + paragraphs(item, trainerOnly: trainerOnly).joined(separator: " ")
            }
        case .table(let t): return t.textRows.map { $0.joined(separator: " | ") }
        case .question, .screening: return []
        default: return [b.plainText]
        }
    }
}
