import CCmark
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// Markdown to HTML with cmark in safe mode: raw HTML and dangerous URLs (javascript:, data:…)
/// in user text are dropped by cmark itself. CMARK_OPT_UNSAFE is never set.
public enum MarkdownRenderer {
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        var bytes = Array(markdown.utf8)
        let count = bytes.count
        return bytes.withUnsafeMutableBufferPointer { buffer -> String in
            let raw = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let raw, let rendered = cmark_markdown_to_html(raw, count, options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}

public enum HTML {
    public static func escape(_ text: String) -> String { Escape.html(text) }

    /// A whole page with no script and no external resource.
    public static func page(title: String, language: Language, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(escape(title))</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
        table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f2f2f2}h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd}
        @media print{body{margin:0;max-width:none}a{color:inherit}}
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}

/// CSV for spreadsheets: UTF-8 with BOM, every cell quoted, and cells that a spreadsheet would
/// run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
public enum CSV {
    /// What separates cells: a French spreadsheet expects ';' (its decimal mark is the comma).
    public enum Separator: String, Sendable, CaseIterable {
        case comma = ","
        case semicolon = ";"
        case tab = "\t"

        /// The separator a spreadsheet in this language opens without asking.
        public static func `default`(for language: Language) -> Separator { language == .fr ? .semicolon : .comma }
    }

    public static func document(header: [String], rows: [[String]], separator: Separator = .comma) -> String {
        var out = "\u{FEFF}"
        out += line(header, separator)
        for row in rows { out += line(row, separator) }
        return out
    }

    static func line(_ cells: [String], _ separator: Separator = .comma) -> String {
        cells.map(cell).joined(separator: separator.rawValue) + "\r\n"
    }

    public static func cell(_ value: String) -> String { Escape.csv(value) }
}
