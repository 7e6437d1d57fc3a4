import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What `reclam sla` prints and when it fails.
@Suite("SLA output")
struct SLAFormatterTests {
    /// Met, met late (due 4 October), breached, at risk and running, all as of Monday 16 November 10:00.
    func report() throws -> (SLAReport, LedgerConfig) {
        let config = try SLAFixture.training()
        let cases = [
            try SLAFixture.item(
                "20261002-late", received: "2026-10-02T10:00:00+02:00",
                steps: [("acknowledged", "2026-10-02T11:00:00+02:00"), ("responded", "2026-10-06T09:00:00+02:00")]),
            try SLAFixture.item("20261112-open", learner: "stg-2", received: "2026-11-12T11:05:00+01:00"),
            try SLAFixture.item("20261113-risk", learner: "stg-3", received: "2026-11-13T07:52:00+01:00"),
        ]
        return (try SLAFixture.evaluate(cases, config, asOf: "2026-11-16T10:00:00+01:00"), config)
    }

    @Test("findings: breached clocks are errors; late ones only with --since; at risk is a warning, an error with --strict")
    func findings() throws {
        let (report, config) = try report()
        #expect(
            report.results.map { "\($0.caseID) \($0.rule.name) \($0.state)" } == [
                "20261002-late acknowledgement met", "20261002-late answer met-late", "20261112-open acknowledgement breached",
                "20261112-open answer breached", "20261113-risk acknowledgement running", "20261113-risk answer breached",
            ])
        let plain = SLAFormatter.findings(report, since: nil, strict: false, calendar: config.calendar)
        #expect(plain.map(\.rule) == ["sla-breached", "sla-breached", "sla-breached"])
        #expect(plain.allSatisfy { $0.line == 5 && $0.severity == .error })
        #expect(
            DiagnosticFormatter.line(plain[0])
                == "cases/stg-2/20261112-open.md:5:11: error: SLA 'acknowledgement' (1 working day from received) breached: "
                + "due 2026-11-13T23:59:59+01:00, 0.42 working days late [sla-breached]")

        let since = SLAFormatter.findings(report, since: try CalendarFixture.day("2026-10-04"), strict: false, calendar: config.calendar)
        let late = try #require(since.first { $0.rule == "sla-late" })
        #expect(late.file == "cases/stg-1/20261002-late.md")
        #expect(late.line == 11)
        #expect(late.message.contains("'responded' entered 2026-10-06T09:00:00+02:00, 47 hours late"))
        let after = SLAFormatter.findings(report, since: try CalendarFixture.day("2026-10-05"), strict: false, calendar: config.calendar)
        #expect(!after.contains { $0.rule == "sla-late" })

        // At Monday 19:00 the acknowledgement of the case received on Friday is at risk.
        let evening = try SLAFixture.evaluate(
            [try SLAFixture.item("20261113-risk", received: "2026-11-13T07:52:00+01:00")], config, asOf: "2026-11-16T19:00:00+01:00")
        let warning = SLAFormatter.findings(evening, since: nil, strict: false, calendar: config.calendar).filter {
            $0.rule == "sla-at-risk"
        }
        #expect(warning.map(\.severity) == [.warning])
        #expect(warning.first?.message.hasSuffix("at risk: due 2026-11-16T23:59:59+01:00, 0.21 working days left") == true)
        let strict = SLAFormatter.findings(evening, since: nil, strict: true, calendar: config.calendar).filter { $0.rule == "sla-at-risk" }
        #expect(strict.map(\.severity) == [.error])
    }

    @Test("github: one workflow command per finding, on the case file and line")
    func github() throws {
        let (report, config) = try report()
        let text = SLAFormatter.render(report, as: .github, calendar: config.calendar)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=cases/stg-2/20261112-open.md,line=5,col=11,title=sla-breached::SLA 'acknowledgement'"))
    }

    @Test("JUnit: well-formed, one testsuite per rule, one testcase per case, failures for breached clocks")
    func junit() throws {
        let (report, config) = try report()
        let xml = SLAFormatter.render(report, as: .junit, since: try CalendarFixture.day("2026-10-01"), calendar: config.calendar)
        let parsed = try JUnitSummary(xml)
        #expect(parsed.suites == ["acknowledgement": 3, "answer": 3])
        #expect(parsed.failures == ["acknowledgement": 1, "answer": 3])
        #expect(parsed.testcases.contains("sla.answer 20261002-late"))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"reclam sla\" tests=\"6\" failures=\"4\""))
        #expect(SLAFormatter.xml("a<b & \"c\" 'd'\u{1}") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos; ")
    }

    @Test("JSON: every clock with its times, in the ledger's offset")
    func json() throws {
        let (report, config) = try report()
        let text = SLAFormatter.render(report, as: .json, calendar: config.calendar)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2026-11-16T10:00:00+01:00")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 6)
        let late = results[1]
        #expect(late["state"] as? String == "met-late")
        #expect(late["due"] as? String == "2026-10-04T10:00:00+02:00")
        #expect(late["stop"] as? String == "2026-10-06T09:00:00+02:00")
        #expect(late["stop_stage"] as? String == "responded")
        #expect((late["elapsed"] as? NSNumber)?.doubleValue == 95)
        #expect((late["remaining"] as? NSNumber)?.doubleValue == -47)
        #expect(late["unit"] as? String == "hours")
        let summary = try #require(object["summary"] as? [String: NSNumber])
        #expect(summary["breached"]?.intValue == 3)
        #expect(summary["met-late"]?.intValue == 1)
    }

    @Test("text: a table with a line per clock")
    func text() throws {
        let (report, config) = try report()
        let lines = SLAFormatter.render(report, as: .text, calendar: config.calendar).split(separator: "\n")
        #expect(lines[0] == "SLA clocks as of 2026-11-16T10:00:00+01:00")
        #expect(lines[1].hasPrefix("CASE           LEARNER  RULE             STATE"))
        #expect(lines.count == 8)
        #expect(lines[3].contains("met-late") && lines[3].hasSuffix("late 47 hours"))
        #expect(SLAFormatter.summary(report) == "6 SLA clocks: 1 met, 1 met late, 1 running, 3 breached")
    }

    @Test("amounts: at most two decimals, the unit's singular for exactly one")
    func amounts() {
        #expect(SLAFormatter.amount(1, .workingDays) == "1 working day")
        #expect(SLAFormatter.amount(0.5, .workingDays) == "0.5 working days")
        #expect(SLAFormatter.amount(25.383333, .hours) == "25.38 hours")
        #expect(SLAFormatter.amount(0, .hours) == "0 hours")
        #expect(SLAFormatter.amount(-0.25, .businessHours) == "-0.25 business hours")
        #expect(SLAFormatter.amount(-2.5, .calendarDays) == "-2.5 calendar days")
        #expect(SLAFormatter.amount(0.999, .hours) == "1 hour")
    }
}

/// The parts of a JUnit file that CI dashboards read.
final class JUnitSummary: NSObject, XMLParserDelegate {
    var suites: [String: Int] = [:]
    var failures: [String: Int] = [:]
    var testcases: [String] = []
    private var suite = ""

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "testsuite":
            suite = attributes["name"] ?? ""
            suites[suite] = Int(attributes["tests"] ?? "")
        case "testcase":
            testcases.append("\(attributes["classname"] ?? "") \(attributes["name"] ?? "")")
        case "failure":
            failures[suite, default: 0] += 1
        default:
            break
        }
    }
}
