import Foundation
import ReclamCore
import ReclamLedger

/// A case's `site:` names a site of reclam.yml's `sites:`.
enum SiteCheck {
    static func check(_ item: Case, sites: [Site]) -> [Diagnostic] {
        guard let node = item.document["site"], let code = node.scalar, !sites.contains(where: { $0.code == code }) else { return [] }
        var message = "site: '\(code)' is not a code of sites: in reclam.yml"
        if sites.isEmpty {
            message += "; list the network's sites there, e.g. '- {code: \(code), name: …, region: …}'"
        } else {
            if let near = Suggestion.closest(to: code, in: sites.map(\.code)) { message += "; did you mean '\(near)'?" }
            message += " (\(sites.map(\.code).joined(separator: ", ")))"
        }
        return [Diagnostic(.siteUnknown, message, file: item.path, at: node.start)]
    }
}
