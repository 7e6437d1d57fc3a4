import ArgumentParser
import Foundation
import ReclamKit

/// `FIELD=VALUE` pairs as given on the command line (`reclam set`, `--set` of `learner add`
/// and `resolve`); the value may hold `=` itself, the field may not be empty.
enum FieldAssignments {
    /// `flag` names the option in the error (`--set expects FIELD=VALUE, got 'x'`); nil for
    /// positional arguments.
    static func parse(_ texts: [String], flag: String? = "--set") throws(ReclamError) -> [(field: String, value: String)] {
        try texts.map { text throws(ReclamError) in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .usage("\(flag.map { "\($0) expects" } ?? "expected") FIELD=VALUE, got '\(text)'")
            }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }
}
