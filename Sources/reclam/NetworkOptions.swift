import ArgumentParser
import Foundation
import ReclamKit

/// `--site`, `--region`, `--level`: the cases a centre, a regional or a national reviewer reads
/// in a network's shared ledger (docs/TEAMS.md).
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only the cases of this site (a code of sites: in reclam.yml).", valueName: "code"))
    var site: String?
    @Option(help: ArgumentHelp("Only the cases of the sites of this region (as sites: in reclam.yml gives it).", valueName: "region"))
    var region: String?
    @Option(help: ArgumentHelp("Only the cases at this handling level: local, regional or national.", valueName: "level"))
    var level: String?

    /// The scope, checked against the ledger's sites (a usage error names the known ones).
    func scope(_ ledger: Ledger) throws -> NetworkScope {
        let scope = NetworkScope(site: site, region: region, level: level)
        try scope.validate(ledger.config)
        return scope
    }

    /// The case files in scope.
    func paths(_ ledger: Ledger) throws -> [String] {
        try scope(ledger).filter(try LedgerScan.scan(ledger).casePaths, in: ledger)
    }
}
