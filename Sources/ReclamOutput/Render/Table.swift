import Foundation
import ReclamCore

/// The one table writer: the same header and rows as aligned text, Markdown, HTML or CSV,
/// every cell escaped for its syntax.
public struct Table: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public func text() -> String { TextTable.render(header: header, rows: rows) }

    public func markdown() -> String {
        var out = "| " + header.map(Escape.markdown).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows { out += "| " + row.map(Escape.markdown).joined(separator: " | ") + " |\n" }
        return out
    }

    public func html() -> String {
        var out = "<table>\n<thead><tr>" + header.map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(Escape.html($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    public func csv(separator: CSV.Separator = .comma) -> String { CSV.document(header: header, rows: rows, separator: separator) }
}
