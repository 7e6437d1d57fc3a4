import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
extension CommitText {
    /// "field: old -> new", one line whatever the values hold: a multi-line value (a `--set` of
    /// findings, a block scalar edited by hand) would otherwise put its lines into the commit
    /// body, where a line such as `Reclam-Case: forged` reads as a trailer to anyone but git.
    static func fieldChange(_ field: String, old: String?, new: String?) -> String {
        let before = old.map { oneLine($0, limit: 120) } ?? "(none)"
        let after = new.map { oneLine($0, limit: 120) } ?? "(removed)"
        return "\(field): \(before) -> \(after)"
    }

    /// For a learner file, whose values are personal data (addresses, funder, training): the
    /// field and what happened to it, never its value.
    static func fieldChangeWithoutValues(_ field: String, old: String?, new: String?) -> String {
        "\(field): \(old == nil ? "added" : new == nil ? "removed" : "changed")"
    }
}
