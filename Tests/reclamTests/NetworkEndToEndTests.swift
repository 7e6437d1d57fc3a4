import Foundation
import Testing

/// A network's ledger: cases of several sites in several regions, read by site, region and
/// level as a centre, a regional and a national reviewer would.
@Suite struct NetworkEndToEndTests {
    /// Three cases: Lyon (local), Grenoble (regional), Bordeaux (national).
    func network(_ shell: Shell) throws -> [String: String] {
        try shell.initLedger(procedure: "network")
        try shell.write(
            "reclam.yml",
            try shell.read("reclam.yml")
                + """

                sites:
                  - {code: lyon, name: Lyon Part-Dieu, region: ARA}
                  - {code: gre, name: Grenoble, region: ARA}
                  - {code: bdx, name: Bordeaux, region: NAQ}

                """)
        var ids: [String: String] = [:]
        for (index, (site, level)) in [("lyon", "local"), ("gre", "regional"), ("bdx", "national")].enumerated() {
            let id = try shell.newCase(learner: "stg-\(index)", title: "Réclamation \(site)")
            let path = "cases/stg-\(index)/\(id).md"
            try shell.write(
                path, try shell.read(path).replacingOccurrences(of: "\nstage: ", with: "\nsite: \(site)\nlevel: \(level)\nstage: "))
            ids[site] = id
        }
        let check = try shell.reclam("check")
        #expect(check.status == 0, "\(check.stdout)")
        return ids
    }

    func listed(_ shell: Shell, _ arguments: String...) throws -> Set<String> {
        let result = try shell.reclam("list", ["--format", "json"] + arguments, in: "ledger")
        #expect(result.status == 0, "\(result.stderr)")
        let items = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
        return Set(items.compactMap { $0["id"] as? String })
    }

    @Test func filtersBySiteRegionAndLevel() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let ids = try network(shell)
        #expect(try listed(shell) == Set(ids.values))
        #expect(try listed(shell, "--site", "lyon") == [ids["lyon"]!])
        #expect(try listed(shell, "--region", "ARA") == [ids["lyon"]!, ids["gre"]!])
        #expect(try listed(shell, "--region", "ARA", "--level", "regional") == [ids["gre"]!])
        #expect(try listed(shell, "--level", "national") == [ids["bdx"]!])

        let register = try shell.reclam("register", "--region", "NAQ", "--format", "csv")
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains(ids["bdx"]!))
        #expect(!register.stdout.contains(ids["lyon"]!) && !register.stdout.contains(ids["gre"]!))

        let sla = try shell.reclam("sla", "--site", "gre", "--format", "json")
        #expect(sla.status != 2, "\(sla.stderr)")
        #expect(sla.stdout.contains(ids["gre"]!))
        #expect(!sla.stdout.contains(ids["lyon"]!) && !sla.stdout.contains(ids["bdx"]!))

        for (flag, value) in [("--site", "lyn"), ("--region", "IDF"), ("--level", "departmental")] {
            let refused = try shell.reclam("list", [flag, value], in: "ledger")
            #expect(refused.status == 2, "\(flag) \(value)")
            #expect(refused.stderr.contains(flag), "\(refused.stderr)")
        }
    }

    @Test func reportHasTablesBySiteRegionAndLevel() throws {
        let shell = try Shell()
        defer { shell.remove() }
        _ = try network(shell)
        let report = try shell.reclam("report", "--lang", "en")
        #expect(report.status == 0, "\(report.stderr)")
        for heading in ["By site", "By region", "By level"] { #expect(report.stdout.contains(heading), "\(heading)") }
        #expect(report.stdout.contains("lyon — Lyon Part-Dieu"))
        #expect(report.stdout.contains("NAQ"))
        let regional = try shell.reclam("report", "--lang", "en", "--region", "ARA")
        #expect(regional.status == 0)
        #expect(regional.stdout.contains("gre — Grenoble") && !regional.stdout.contains("bdx — Bordeaux"))
        // One site × level table: a line per site with its region, a column per level, totals.
        #expect(report.stdout.contains("## By site and level\n\n| Site | Region | local | regional | national | Total |\n"))
        for line in [
            "| lyon — Lyon Part-Dieu | ARA | 1 | 0 | 0 | 1 |", "| gre — Grenoble | ARA | 0 | 1 | 0 | 1 |",
            "| bdx — Bordeaux | NAQ | 0 | 0 | 1 | 1 |", "| Total |  | 1 | 1 | 1 | 3 |",
        ] {
            #expect(report.stdout.contains(line + "\n"), "\(line)")
        }
        #expect(regional.stdout.contains("| Total |  | 1 | 1 | 0 | 2 |\n"), "\(regional.stdout)")
        let html = try shell.reclam("report", "--format", "html")
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<h2>Par site et par niveau</h2>"))
        #expect(html.stdout.contains("<th>Région</th><th>local</th><th>régional</th><th>national</th><th>Total</th>"))
        #expect(html.stdout.contains("<tr><td>gre — Grenoble</td><td>ARA</td><td>0</td><td>1</td><td>0</td><td>1</td></tr>"))
    }

    @Test func unknownSiteIsACheckFinding() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let ids = try network(shell)
        let path = "cases/stg-0/\(ids["lyon"]!).md"
        try shell.write(path, try shell.read(path).replacingOccurrences(of: "site: lyon", with: "site: lyn"))
        let check = try shell.reclam("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("did you mean 'lyon'? (lyon, gre, bdx) [site-unknown]"), "\(check.stdout)")
    }
}
