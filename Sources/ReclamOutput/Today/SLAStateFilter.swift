import Foundation
import ReclamCore
import ReclamRules

/// `reclam sla --state` and `--open`: which clocks to show.
public enum SLAStateFilter {
    /// States named by their ids (`at-risk`) or their labels in either language (`à risque`,
    /// `a-risque`), separated by commas. A word that names no state is a usage error listing
    /// the states.
    public static func parse(_ text: String) throws(ReclamError) -> Set<SLAState> {
        var states: Set<SLAState> = []
        for word in text.split(separator: ",") {
            let key = fold(String(word))
            let found = SLAState.allCases.first { state in
                [state.rawValue, state.label(Messages(.fr)), state.label(Messages(.en))].contains { fold($0) == key }
            }
            guard let found else {
                throw .usage(
                    "--state: '\(word)' is not a state; states: \(SLAState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            states.insert(found)
        }
        if states.isEmpty { throw .usage("--state: name at least one state, e.g. --state breached,at-risk") }
        return states
    }

    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: " ", with: "-")
    }

    public static func apply(_ results: [SLAResult], states: Set<SLAState>?, openOnly: Bool) -> [SLAResult] {
        results.filter { (states?.contains($0.state) ?? true) && (!openOnly || $0.state.isOpen) }
    }
}
