import Foundation

extension CalendarExport {
    /// An iCalendar file (RFC 5545) with one all-day event per entry, for calendar apps.
    ///
    /// - Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 sequence).
    /// - `DTSTART;VALUE=DATE` is the day, `DTEND;VALUE=DATE` the next day (exclusive end).
    /// - `UID` depends only on the date and the name, so re-exporting updates, not duplicates.
    /// - `DTSTAMP` is `stamp` (in UTC), passed in so that the output is reproducible.
    /// - Events are `TRANSP:TRANSPARENT`: they inform, they do not book time.
    /// - An empty list gives a calendar without events, which RFC 5545 does not strictly allow
    ///   (it asks for at least one component) but which calendar applications open as empty.
    /// - `name`, when given, is the calendar's display name (`X-WR-CALNAME`, read by Apple,
    ///   Google and Outlook calendars when the file is imported or subscribed to).
    public static func ics(_ entries: [CalendarEntry], prodID: String, stamp: Date, name: String? = nil) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + icsEscaped(prodID), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let name { lines.append("X-WR-CALNAME:" + icsEscaped(name)) }
        let dtstamp = utcStamp(stamp)
        for entry in normalised(entries) {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + uid(entry),
                "DTSTAMP:" + dtstamp,
                "DTSTART;VALUE=DATE:" + entry.date.compactDescription,
                "DTEND;VALUE=DATE:" + entry.date.adding(days: 1).compactDescription,
                "SUMMARY:" + icsEscaped(entry.name),
                "CATEGORIES:" + (entry.kind == .holiday ? "Jour férié" : "Fermeture"),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`.
    static func icsEscaped(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }  // CRLF is one newline
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Content-line folding (RFC 5545 §3.1): at most 75 octets per physical line, continuation
    /// lines start with one space (which counts in their 75).
    static func folded(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var current = ""
        var currentOctets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let octets = String(scalar).utf8.count
            if currentOctets + octets > limit {
                result += current + "\r\n "
                current = ""
                currentOctets = 0
                limit = 74
            }
            current.unicodeScalars.append(scalar)
            currentOctets += octets
        }
        return result + current
    }

    /// `YYYYMMDD-<16 hex digits of FNV-1a 64 of "date name">@reclam`: stable across runs and
    /// machines (Swift's `Hasher` is seeded per process, so it cannot be used).
    static func uid(_ entry: CalendarEntry) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(entry.date) \(entry.name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return entry.date.compactDescription + "-" + String(repeating: "0", count: 16 - hex.count) + hex + "@reclam"
    }

    /// `YYYYMMDDTHHMMSSZ`.
    static func utcStamp(_ date: Date) -> String {
        let text = ISODateTime.format(date, offsetSeconds: 0)  // 2026-01-01T00:00:00Z
        return text.filter { $0 != "-" && $0 != ":" }
    }
}
