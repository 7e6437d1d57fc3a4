extension MarkdownText {
    /// Text to be shown as itself inside Markdown, its lines kept (`escape` makes one table cell
    /// of it): a value put into a letter that cmark renders must not become a link
    /// (`[Cliquez ici](https://…)`), an image, emphasis, raw HTML that cmark's safe mode would
    /// drop (`OF Test & Fils <SARL>`), an entity, a heading, a quote or a list. Backslash
    /// escapes are CommonMark's own, and render as the character itself.
    public static func escapeKeepingLines(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var atLineStart = true
        var leadingSpaces = 0
        var pendingDigits = ""
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                out += pendingDigits
                pendingDigits = ""
                out.append(character)
                atLineStart = true
                leadingSpaces = 0
                continue
            }
            if atLineStart {
                // Indentation of four spaces or more would make a code block: keep three at most.
                if character == " " {
                    leadingSpaces += 1
                    if leadingSpaces <= 3 { out.append(character) }
                    continue
                }
                if character == "\t" { continue }
                if character.isASCII, character.isNumber {
                    pendingDigits.append(character)
                    continue
                }
                atLineStart = false
                if !pendingDigits.isEmpty {
                    // "1." or "1)" starts an ordered list.
                    out += pendingDigits
                    pendingDigits = ""
                    if character == "." || character == ")" {
                        out += "\\" + String(character)
                        continue
                    }
                } else if "#>-+*=".contains(character) {
                    out += "\\" + String(character)
                    continue
                }
            }
            if "\\`*_[]<>&".contains(character) { out += "\\" }
            out.append(character)
        }
        out += pendingDigits
        return out
    }
}
