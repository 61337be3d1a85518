import Testing
@testable import Markdown

@Suite struct MarkdownParserTests {
    @Test func headingsAndParagraphsWithPositions() throws {
        let blocks = try MarkdownParser.parse("## Қазақ тілі\n\nМәтін *бар*.\n", lineOffset: 3)
        #expect(blocks.count == 2)
        guard case .heading(let level, let inlines) = blocks[0].kind else { Issue.record("not a heading"); return }
        #expect(level == 2)
        #expect(inlines.plainText == "Қазақ тілі")
        #expect(blocks[0].position == SourcePosition(line: 4, column: 1))
        #expect(blocks[1].position.line == 6)
        guard case .paragraph(let p) = blocks[1].kind else { Issue.record("not a paragraph"); return }
        #expect(p.contains(.emphasis([.text("бар", at: SourcePosition(line: 6, column: 8))])))
    }

    /// libcmark leaves the stripped indentation of continuation lines out of inline columns; the
    /// converter puts it back, also when the line starts with emphasis.
    @Test func inlinePositionsOnIndentedContinuationLines() throws {
        let blocks = try MarkdownParser.parse("> Әріп,\n>   тағы [бір](id:x).\n\nБір\n   *екі* [үш](y)\n")
        guard case .blockQuote(let inner) = blocks[0].kind, case .paragraph(let q) = inner[0].kind else {
            Issue.record("not a quote"); return
        }
        #expect(q.contains(.link(destination: "id:x", title: "", [.text("бір", at: SourcePosition(line: 2, column: 11))],
                                 at: SourcePosition(line: 2, column: 10))))
        guard case .paragraph(let p) = blocks[1].kind else { Issue.record("not a paragraph"); return }
        #expect(p.contains(.emphasis([.text("екі", at: SourcePosition(line: 5, column: 5))])))
        #expect(p.contains(.link(destination: "y", title: "", [.text("үш", at: SourcePosition(line: 5, column: 11))],
                                 at: SourcePosition(line: 5, column: 10))))
        #expect(try MarkdownParser.parseInline("a [b](c)") == [.text("a "), .link(destination: "c", title: "", [.text("b")])])
    }

    /// Links on one long line: every link and its text at its own character column. A link's column
    /// is taken after its text's, a step back, counted back from there (not from the line start).
    @Test func manyLinksOnOneLineKeepTheirColumns() throws {
        let count = 3000
        let line = (0..<count).map { "[сөз\($0)](https://example.org/\($0))" }.joined(separator: " ә ")
        guard case .paragraph(let inlines) = try MarkdownParser.parse(line + "\n")[0].kind else { Issue.record("not a paragraph"); return }
        var expected: [SourcePosition] = []
        var column = 1
        for i in 0..<count {
            expected.append(SourcePosition(line: 1, column: column))
            column += "[сөз\(i)](https://example.org/\(i)) ә ".count
        }
        let links = inlines.compactMap { inline -> (SourcePosition?, SourcePosition?)? in
            guard case .link(_, _, let text, let at) = inline, case .text(_, let textAt)? = text.first else { return nil }
            return (at, textAt)
        }
        #expect(links.count == count)
        #expect(links.map(\.0) == expected)
        #expect(links.map(\.1) == expected.map { $0.advanced(by: 1) })
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // The list item starts after four Cyrillic letters and a space: byte column 10, character column 6.
        let blocks = try MarkdownParser.parse("> Әәәә *x*\n")
        guard case .blockQuote(let inner) = blocks[0].kind else { Issue.record("not a quote"); return }
        #expect(inner[0].position.column == 3)
        let index = LineIndex(Array("Әәәә x".utf8))
        #expect(index.characterColumn(line: 1, byteColumn: 10) == 6)
    }

    @Test func fencedBlockKeepsInfoAndLiteral() throws {
        let blocks = try MarkdownParser.parse("```table caption=\"X\"\n| a | b |\n```\n")
        guard case .codeBlock(let info, let literal) = blocks[0].kind else { Issue.record("not code"); return }
        #expect(info == "table caption=\"X\"")
        #expect(literal == "| a | b |\n")
    }

    @Test func adjacentTextIsConsolidated() throws {
        let blocks = try MarkdownParser.parse("сөз[^12] және [бар]\n")
        guard case .paragraph(let inlines) = blocks[0].kind else { Issue.record("not a paragraph"); return }
        #expect(inlines == [.text("сөз[^12] және [бар]", at: SourcePosition(line: 1, column: 1))])
    }

    @Test func deepNestingIsFlattenedNotCrashing() throws {
        let quotes = String(repeating: "> ", count: 5_000) + "терең\n"
        let blocks = try MarkdownParser.parse(quotes)
        #expect(blocks.count == 1)
        #expect(blocks[0].plainText.contains("терең"))
        var lists = ""
        for i in 0..<3_000 { lists += String(repeating: "  ", count: i) + "- деңгей \(i)\n" }
        let listBlocks = try MarkdownParser.parse(lists)
        #expect(listBlocks.count == 1)
        let emphasis = String(repeating: "*a ", count: 20_000) + String(repeating: "*", count: 20_000)
        _ = try MarkdownParser.parse(emphasis)
    }

    @Test func rawHTMLStaysAnHTMLNode() throws {
        let blocks = try MarkdownParser.parse("<script>alert(1)</script>\n")
        guard case .html(let html) = blocks[0].kind else { Issue.record("not html"); return }
        #expect(html.contains("script"))
    }
}
