import Instruments
import Terminal
import Testing

struct TextEditBufferTests {
    @Test func insertsAndDeletesAtTheCursor() {
        var b = TextEditBuffer("Алмты")
        #expect(b.cursor == 5)
        b.moveLeft(); b.moveLeft()
        b.insert("а")
        #expect(b.text == "Алматы")
        #expect(b.display(cursor: "|") == "Алма|ты")
        b.backspace()
        #expect(b.text == "Алмты")
        b.deleteForward()
        #expect(b.text == "Алмы")
        b.home()
        b.backspace()  // nothing before the cursor
        #expect(b.text == "Алмы" && b.cursor == 0)
        b.end()
        b.deleteForward()  // nothing after it
        #expect(b.text == "Алмы" && b.cursorAtEnd)
        b.moveRight()
        #expect(b.cursor == 4)
    }

    @Test func homeEndUpAndDownWorkOnLines() {
        var b = TextEditBuffer("бір\nекі үш\nтөрт")
        b.moveUp()  // from the end of "төрт" (column 4) to "екі үш" column 4
        #expect(b.display(cursor: "|") == "бір\nекі |үш\nтөрт")
        b.moveUp()  // "бір" is shorter: its end
        #expect(b.display(cursor: "|") == "бір|\nекі үш\nтөрт")
        b.moveUp()  // first line: stays
        #expect(b.cursor == 3)
        b.home()
        #expect(b.cursor == 0)
        b.moveDown()
        b.end()
        #expect(b.display(cursor: "|") == "бір\nекі үш|\nтөрт")
        b.moveDown()
        #expect(b.display(cursor: "|") == "бір\nекі үш\nтөрт|")
        b.moveDown()  // last line: stays
        #expect(b.cursorAtEnd)
        b.home()
        b.moveLeft()  // across the line end
        #expect(b.beforeCursor == "ш")
    }
}
