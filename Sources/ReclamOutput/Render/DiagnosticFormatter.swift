import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The one place where findings become text: compiler-style lines, JSON, or GitHub annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

public enum DiagnosticFormatter {
    /// `language` words the severities of text lines (`erreur :` in French); JSON and GitHub
    /// annotations keep their fixed English keywords.
    public static func render(_ diagnostics: [Diagnostic], as format: DiagnosticFormat, language: Language = .en) -> String {
        switch format {
        case .text:
            // `reclam sla` on a large ledger prints tens of thousands of findings.
            return Parallel.map(diagnostics) { line($0, language: language) }.joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
        case .json:
            return JSON.encode(diagnostics.map(jsonObject)) + "\n"
        case .github:
            return Parallel.map(diagnostics, githubLine).joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
        }
    }

    /// One line whatever the message holds: values quoted in it are user text (see TerminalText).
    public static func line(_ d: Diagnostic) -> String { line(d, language: .en) }

    /// A line in the ledger's language: `path:3:1 : erreur : … [rule]` in French (a space
    /// before each colon, as French typography wants), `path:3:1: error: … [rule]` in English.
    public static func line(_ d: Diagnostic, language: Language) -> String {
        var position = Escape.terminal(d.file)
        if let line = d.line {
            position += ":\(line)"
            if let column = d.column { position += ":\(column)" }
        }
        let m = Messages(language)
        return position + m[.colon] + m.severity(d.severity) + m[.colon] + Escape.terminal(d.message) + " [\(d.rule)]"
    }

    public static func summary(_ diagnostics: [Diagnostic], files: Int? = nil, language: Language = .en) -> String {
        let m = Messages(language)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var text =
            m.count(errors, one: .errorCount, many: .errorsCount) + ", " + m.count(warnings, one: .warningCount, many: .warningsCount)
        if let files { text += m.count(files, one: .inFile, many: .inFiles) }
        return text
    }

    static func jsonObject(_ d: Diagnostic) -> [String: JSON.Value] {
        var object: [String: JSON.Value] = [
            "severity": .string(d.severity.rawValue), "rule": .string(d.rule), "message": .string(d.message),
            "file": .string(d.file),
        ]
        object["line"] = d.line.map { .number(Double($0)) } ?? .null
        object["column"] = d.column.map { .number(Double($0)) } ?? .null
        return object
    }

    /// GitHub workflow commands; properties and message need their own escaping.
    static func githubLine(_ d: Diagnostic) -> String {
        let level = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
        var properties = ["file=\(escapeProperty(d.file))"]
        if let line = d.line { properties.append("line=\(line)") }
        if let column = d.column { properties.append("col=\(column)") }
        properties.append("title=\(escapeProperty(d.rule))")
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(Escape.terminal(d.message)))"
    }

    static func escapeData(_ s: String) -> String { Escape.githubData(s) }

    static func escapeProperty(_ s: String) -> String { Escape.githubProperty(s) }
}
