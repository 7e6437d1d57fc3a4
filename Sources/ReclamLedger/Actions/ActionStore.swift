import Foundation
import ReclamCore
import ReclamGit

/// The ledger's actions, read from `actions/` (a small folder: read whole every time).
public struct ActionStore: Sendable {
    public var actions: [Action]
    public var diagnostics: [Diagnostic]

    /// The action files that could not be read or parsed (a subset of `diagnostics`).
    public var unreadable: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public static func load(_ ledger: Ledger) -> ActionStore {
        let url = ledger.url(Action.folder)
        guard let entries = try? FileSystem.list(url) else { return ActionStore(actions: [], diagnostics: []) }
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        for entry in entries where !entry.name.hasPrefix(".") {
            let path = "\(Action.folder)/\(entry.name)"
            switch entry.kind {
            case .file where entry.name.hasSuffix(".md"): paths.append(path)
            case .symlink: diagnostics.append(LedgerScan.symlink(path, language: ledger.config.language))
            default:
                diagnostics.append(Diagnostic(.fileStray, Messages(ledger.config.language)[.fileNotAction], file: path))
            }
        }
        var actions: [Action] = []
        for loaded in LedgerReader.documents(paths, in: ledger) {
            switch loaded.result {
            case .success(let document): actions.append(Action(path: loaded.path, document: document))
            case .failure(let failure): diagnostics.append(failure.diagnostic)
            }
        }
        return ActionStore(actions: actions, diagnostics: diagnostics)
    }

    public func action(_ id: String) -> Action? { actions.first { $0.id == id } }

    /// Actions answering a case.
    public func actions(for caseID: String) -> [Action] { actions.filter { $0.cases.contains(caseID) } }
}

/// A stage marked `requires_action: true` (e.g. closed) needs a linked action or a written
/// `no_action_reason`: procedure A ends in corrective actions, and an auditor asks for either.
package enum ActionRequirement {
    package static func check(caseID: String, stage: String, procedure: Procedure, lookup: (String) -> String?, ledger: Ledger)
        throws(ReclamError)
    {
        guard procedure.stage(stage)?.requiresAction == true else { return }
        if let reason = lookup("no_action_reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty { return }
        if !ActionStore.load(ledger).actions(for: caseID).isEmpty { return }
        throw .refused(
            "stage '\(stage)' requires a linked improvement action or a reason why none is needed: run 'reclam action new --cases \(caseID) …' or 'reclam action link ACTION \(caseID)', or add --set no_action_reason=\"…\""
        )
    }
}
