import Foundation
import ReclamKit

/// The language of the ledger this run opened, for what the CLI prints after the command's
/// own output (findings quoted by a refusal, the severities of rendered findings). English
/// until a ledger is opened: the errors met before that are about the command line.
enum RunLanguage {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var language = Language.en
    }
    private static let box = Box()

    static var current: Language {
        get { box.lock.withLock { box.language } }
        set { box.lock.withLock { box.language = newValue } }
    }

    /// Findings as text lines in the run's language.
    static func render(_ diagnostics: [Diagnostic]) -> String {
        DiagnosticFormatter.render(diagnostics, as: .text, language: current)
    }
}
