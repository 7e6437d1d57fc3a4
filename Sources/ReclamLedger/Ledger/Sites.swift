import Foundation
import ReclamCore

/// A centre of a network (`sites:` in reclam.yml): cases name it by its code (`site:`), and
/// each site belongs to a region, so that a regional reviewer reads the region's cases.
public struct Site: Sendable, Equatable {
    public var code: String
    public var name: String
    public var region: String

    public init(code: String, name: String, region: String) {
        self.code = code
        self.name = name
        self.region = region
    }
}

extension LedgerConfig {
    /// The sites of `sites:`, each `{code, name, region}`; entries with problems are left out
    /// and reported by `siteDiagnostics` (what `reclam check` shows).
    public var sites: [Site] { Self.readSites(root?["sites"], language: language).sites }

    public var siteDiagnostics: [Diagnostic] { Self.readSites(root?["sites"], language: language).diagnostics }

    static func readSites(_ node: YAMLNode?, language: Language) -> (sites: [Site], diagnostics: [Diagnostic]) {
        guard let node else { return ([], []) }
        let file = LedgerConfig.fileName
        let m = Messages(language)
        guard let items = node.items else {
            return ([], [Diagnostic(.sitesInvalid, m[.sitesList], file: file, at: node.start)])
        }
        var sites: [Site] = []
        var diagnostics: [Diagnostic] = []
        for item in items {
            let code = item["code"]?.scalar ?? ""
            let name = item["name"]?.scalar ?? ""
            let region = item["region"]?.scalar ?? ""
            if item.pairs == nil {
                diagnostics.append(Diagnostic(.sitesInvalid, m[.siteMapping], file: file, at: item.start))
            } else if let problem = m.idProblem(code) {
                diagnostics.append(Diagnostic(.sitesInvalid, m.format(.siteCode, problem), file: file, at: item.start))
            } else if region.isEmpty || name.isEmpty {
                let example = m.format(
                    .siteNameRegion, code, code, name.isEmpty ? "Lyon Part-Dieu" : name, region.isEmpty ? "ARA" : region)
                diagnostics.append(Diagnostic(.sitesInvalid, example, file: file, at: item.start))
            } else if sites.contains(where: { $0.code == code }) {
                diagnostics.append(Diagnostic(.sitesInvalid, m.format(.siteTwice, code), file: file, at: item.start))
            } else {
                sites.append(Site(code: code, name: name, region: region))
            }
        }
        return (sites, diagnostics)
    }
}

extension Case {
    /// The centre that handles the case (`site:`, a code of `sites:`).
    public var site: String? { document.string("site") }
}

/// Which cases a reviewer reads: `--site`, `--region`, `--level` (each optional; all given
/// must match).
public struct NetworkScope: Sendable {
    public var site: String?
    public var region: String?
    public var level: String?

    public init(site: String? = nil, region: String? = nil, level: String? = nil) {
        self.site = site
        self.region = region
        self.level = level
    }

    public var isEmpty: Bool { site == nil && region == nil && level == nil }

    /// The case fields the scope reads.
    public static let fields: Set<String> = ["site", "level"]

    /// The scope's values checked against the ledger's sites and levels; a usage error names
    /// the known ones.
    public func validate(_ config: LedgerConfig) throws(ReclamError) {
        let sites = config.sites
        if let site, !sites.contains(where: { $0.code == site }) {
            throw .usage(
                "--site: no site '\(site)' in reclam.yml's sites (\(sites.isEmpty ? "none listed" : sites.map(\.code).joined(separator: ", ")))"
            )
        }
        if let region, !sites.contains(where: { $0.region == region }) {
            let regions = Array(Set(sites.map(\.region))).sorted()
            throw .usage(
                "--region: no site of region '\(region)' in reclam.yml (\(regions.isEmpty ? "none listed" : regions.joined(separator: ", ")))"
            )
        }
        if let level, !FieldCatalogue.levels.contains(level) {
            throw .usage("--level: '\(level)' is not one of \(FieldCatalogue.levels.joined(separator: ", "))")
        }
    }

    public func includes(_ item: Case, sites: [Site]) -> Bool {
        if let site, item.site != site { return false }
        if let region, sites.first(where: { $0.code == item.site })?.region != region { return false }
        if let level, item.level != level { return false }
        return true
    }

    /// The case paths in scope: each read for `site` and `level` only. A file that cannot be
    /// read stays, so that the command reading it reports it as it does without a scope.
    public func filter(_ paths: [String], in ledger: Ledger) -> [String] {
        guard !isEmpty else { return paths }
        let sites = ledger.config.sites
        let kept = Parallel.map(paths) { path -> Bool in
            guard case .success(let document) = LedgerReader.readDocument(path, in: ledger) else { return true }
            return includes(Case(path: path, document: document.fieldsOnly(keeping: Self.fields)), sites: sites)
        }
        return zip(paths, kept).filter(\.1).map(\.0)
    }
}
