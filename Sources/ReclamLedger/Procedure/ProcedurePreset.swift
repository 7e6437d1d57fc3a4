import Foundation
import ReclamCore
import ReclamGit

/// The two reference procedures shipped with Reclam, as the `reclam.yml` a team starts from.
public enum ProcedurePreset: String, Sendable, CaseIterable {
    case training
    case network

    /// The whole `reclam.yml` written by `reclam init`.
    public var configText: String {
        switch self {
        case .training: PresetTexts.training
        case .network: PresetTexts.network
        }
    }

    public var procedure: Procedure? {
        guard let data = configText.data(using: .utf8) else { return nil }
        return LedgerConfig.read(data).0?.procedure
    }
}
