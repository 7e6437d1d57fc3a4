import Foundation
import Testing

@testable import ReclamMail

@Suite("Delivery log lines")
struct DeliveryLogLineTests {
    let record = DeliveryRecord(
        state: .delivered, path: "outbox/20261116-px9j-ack.eml", messageID: "reclam.20261116-px9j.a1b2@example.org",
        at: Date(timeIntervalSince1970: 1_795_338_000), transport: "smtp", reply: "250 2.0.0 Ok: queued as 4F2",
        target: "sent/2026/11/20261116-px9j-ack.eml")

    func parse(_ bytes: [UInt8]) -> DeliveryLogLine.Entry? {
        #expect(bytes.last == 0x0A)
        return DeliveryLogLine.parse(bytes.dropLast())
    }

    @Test("a record and a clearing read back as written, on one line")
    func roundTrip() {
        let line = DeliveryLogLine.render(.record(record))
        #expect(line.filter { $0 == 0x0A }.count == 1)
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("1\tdelivered\t2026-11-22T09:00:00Z\t"))
        #expect(parse(line) == .record(record))
        #expect(parse(DeliveryLogLine.render(.cleared(path: record.path))) == .cleared(path: record.path))
        var inDoubt = record
        inDoubt.state = .inDoubt
        inDoubt.target = nil
        #expect(parse(DeliveryLogLine.render(.record(inDoubt))) == .record(inDoubt))
    }

    @Test("tabs, line breaks, % and non-ASCII text in values stay on the line and come back intact")
    func escapes() {
        var odd = record
        odd.path = "outbox/dossier é%20\tx.eml"
        odd.reply = "550 5.1.1 <a@b>\r\n550 again\t100%"
        odd.messageID = "id%41\u{7F}"
        let line = DeliveryLogLine.render(.record(odd))
        #expect(line.filter { $0 == 0x0A }.count == 1)
        #expect(line.filter { $0 == 0x09 }.count == 8)
        #expect(parse(line) == .record(odd))
    }

    @Test("a line cut short, changed, or of another format is not a record")
    func damaged() {
        let line = Array(DeliveryLogLine.render(.record(record)).dropLast())
        for length in 0..<line.count {
            #expect(DeliveryLogLine.parse(line[..<length]) == nil, "cut at \(length)")
        }
        for index in stride(from: 0, to: line.count, by: 7) {
            var changed = line
            changed[index] ^= 0x01
            #expect(DeliveryLogLine.parse(changed[...]) == nil, "byte \(index) changed")
        }
        #expect(DeliveryLogLine.parse([UInt8](repeating: 0, count: 80)[...]) == nil)
        var otherFormat = line
        otherFormat[0] = UInt8(ascii: "2")
        #expect(DeliveryLogLine.parse(otherFormat[...]) == nil)
    }
}
