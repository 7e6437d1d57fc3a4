import ArgumentParser
import Foundation
import ReclamKit

/// `-o FILE` and `--separator`, for every command that writes a report-like file.
struct OutputOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    @Option(
        help: ArgumentHelp(
            "CSV separator: semicolon (;), comma (,) or tab (default: ; for a French ledger, , otherwise).", valueName: "separator"))
    var separator: CSV.Separator?

    /// The separator asked for, or the one a spreadsheet in the ledger's language expects.
    func separator(for language: Language) -> CSV.Separator { separator ?? .default(for: language) }

    /// Writes `text` to the file given with `-o` (atomically), or to standard output.
    func write(_ text: String) throws { try Self.write(text, to: output) }

    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            print(text, terminator: "")
            return
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            throw ReclamError.io(Messages(RunLanguage.current).format(.cannotWrite, output, error.localizedDescription))
        }
    }
}

extension CSV.Separator: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case ";", "semicolon": self = .semicolon
        case ",", "comma": self = .comma
        case "\t", "tab", "\\t": self = .tab
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["semicolon", "comma", "tab"] }
}
