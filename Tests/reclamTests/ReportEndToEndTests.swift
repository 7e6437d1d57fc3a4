import Foundation
import Testing

/// The report an auditor reads: computed from the ledger, rendered inert.
@Suite struct ReportEndToEndTests {
    @Test func htmlReportIsSelfContainedAndEscapesUserText() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        let id = try shell.newCase(title: "<script>alert(1)</script>", received: "2026-10-05T09:00:00+02:00")
        #expect(try shell.reclam("ack", id, "--at", "2026-10-05T10:00:00+02:00").status == 0)
        _ = try shell.newCase(learner: "stg-2", title: "Retard", received: "2026-11-03T09:00:00+01:00")
        let result = try shell.reclam("report", "--format", "html", "-o", "report.html")
        #expect(result.status == 0, "\(result.stderr)")
        let html = try shell.read("report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href=\"http"))
        #expect(html.contains("<svg"))
        #expect(html.contains(">2026-10</text>"))
        #expect(html.contains(">2026-11</text>"))
        #expect(html.contains("acknowledgement"))
        let markdown = try shell.reclam("report", "--lang", "en").stdout
        #expect(markdown.contains("Complaints received: **2**") || markdown.contains("Complaints received : **2**"))
        #expect(markdown.contains("| acknowledgement | 1 | 0 |"))
    }

    @Test func reportCountsTheSampleLedger() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let copy = try shell.run(
            "/bin/cp",
            [
                "-R", Shell.packageRoot.path + "/cases", Shell.packageRoot.path + "/actions", Shell.packageRoot.path + "/templates",
                Shell.packageRoot.path + "/reclam.yml", shell.directory.path,
            ], in: nil)
        #expect(copy.status == 0)
        let report = try shell.reclam("report", "--from", "2026-09-01", "--to", "2026-11-30", in: nil)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Réclamations reçues : **15**"))
        #expect(report.stdout.contains("| administratif | 5 |"))
        #expect(report.stdout.contains("act-20260915-k2m4"))
    }
}
