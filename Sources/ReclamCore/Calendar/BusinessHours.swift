import Foundation

/// The daily opening hours used by "business hours" durations (`business_hours: "09:00-17:00"`),
/// in local wall-clock time of the ledger's time zone, the same every working day.
public struct BusinessHours: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Minutes after local midnight when counting starts (9:00 → 540).
    public let openingMinute: Int
    /// Minutes after local midnight when counting stops (17:00 → 1020; 24:00 → 1440 allowed).
    public let closingMinute: Int

    public static let standard = BusinessHours(checked: 9 * 60, 17 * 60)

    public init(openingMinute: Int, closingMinute: Int) throws {
        guard (0..<1440).contains(openingMinute), (1...1440).contains(closingMinute),
            openingMinute < closingMinute
        else {
            throw CalendarError.invalidBusinessHours("\(openingMinute)-\(closingMinute) minutes")
        }
        self.init(checked: openingMinute, closingMinute)
    }

    private init(checked opening: Int, _ closing: Int) {
        openingMinute = opening
        closingMinute = closing
    }

    /// `09:00-17:00`; also `9:00 - 17:00` and the French `9h00-17h00` / `9h-17h`.
    public static func parse(_ text: String) throws -> BusinessHours {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let opening = minute(of: parts[0]), let closing = minute(of: parts[1]),
            opening < 1440, opening < closing
        else {
            throw CalendarError.invalidBusinessHours(text)
        }
        return BusinessHours(checked: opening, closing)
    }

    /// `HH:MM` or `HHhMM` or `HHh` → minutes after midnight; 24:00 is the end of the day.
    private static func minute(of part: Substring) -> Int? {
        let text = part.trimmingCharacters(in: .whitespaces).lowercased()
        let pieces = text.split(separator: text.contains(":") ? ":" : "h", omittingEmptySubsequences: false)
        guard pieces.count == 2, (1...2).contains(pieces[0].count),
            pieces[1].count == 2 || (pieces[1].isEmpty && text.contains("h")),
            (pieces[0] + pieces[1]).allSatisfy({ $0.isASCII && $0.isNumber }),
            let hour = Int(pieces[0])
        else { return nil }
        let minute = pieces[1].isEmpty ? 0 : Int(pieces[1])
        guard let minute, (0...59).contains(minute), (0...24).contains(hour),
            hour < 24 || minute == 0
        else { return nil }
        return hour * 60 + minute
    }

    /// `09:00-17:00`.
    public var description: String { Self.clock(openingMinute) + "-" + Self.clock(closingMinute) }

    private static func clock(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
