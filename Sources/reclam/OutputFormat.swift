import ArgumentParser
import Foundation
import ReclamKit

/// `--format`, the same option in every command that has one. A command names the formats it
/// writes as an enum adopting this protocol and declares the option from it:
///
///     enum Format: String, OutputFormat { case text, json, csv }
///     @Option(help: Format.help) var format: Format = .text
///
/// The help lists the enum's formats and the default (`(values: text, json, csv; default:
/// text)`, argument-parser's listing of a `CaseIterable` value), and any other value is a usage
/// error naming them (exit 2, like every usage error: `Reclam.exit(with:)`). The enum keeps
/// each `switch format` exhaustive.
protocol OutputFormat: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {
    /// What the help says of this format beyond its name, if anything ("Graphviz").
    var note: String? { get }
}

extension OutputFormat {
    var note: String? { nil }

    /// "Output format.", with the notes of the formats that have one.
    static var help: ArgumentHelp {
        let notes = allCases.compactMap { format in format.note.map { "\(format.rawValue): \($0)" } }
        return ArgumentHelp(notes.isEmpty ? "Output format." : "Output format (\(notes.joined(separator: "; "))).")
    }
}

extension DiagnosticFormat: OutputFormat {}
extension SLAFormat: OutputFormat {}
