import Foundation

/// ISO 8601 / RFC 3339 date-times with an offset, as written in case files
/// (`2026-10-05T09:12:00+02:00`), parsed and written by hand: ledgers hold thousands of them and
/// an `ISO8601DateFormatter` costs tens of microseconds per call.
public enum ISODateTime {
    /// Reads `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z`, `±HH:MM` or `±HHMM`.
    /// `T` may also be `t` or a space (RFC 3339). Returns the instant and the written offset
    /// (seconds east of UTC), or nil for anything else, including impossible values
    /// (2026-02-30, month 13, hour 24, second 60, offset beyond ±23:59) and a missing offset.
    public static func parse(_ text: String) -> (date: Date, offsetSeconds: Int)? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// `YYYY-MM-DD` as a day; nil when malformed or impossible.
    public static func parseDate(_ text: String) -> CivilDate? { CivilDate.parse(text) }

    /// The instant in the local time of `timeZone`, with that zone's offset at that instant:
    /// `2026-10-05T09:12:00+02:00`, or `…Z` when the offset is zero. Fractions of a second are
    /// dropped (rounded down), so 23:59:59.999 is written 23:59:59.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        format(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
    }

    /// The instant as local time at a fixed offset. Offsets that are not whole minutes (local
    /// mean time before 1911 in Paris, +00:09:21) are rounded to the minute, and the local time
    /// shown follows the rounded offset, so the text still names the exact instant.
    public static func format(_ date: Date, offsetSeconds: Int) -> String {
        let offsetMinutes = Int((Double(offsetSeconds) / 60).rounded())
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let dayNumber = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let secondOfDay = seconds - dayNumber * 86_400
        let day = CivilDate(dayNumber: dayNumber)

        var out: [UInt8] = []
        out.reserveCapacity(25)
        append(day.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(day.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(day.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &out)
        if offsetMinutes == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            out.append(UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
            append(abs(offsetMinutes) / 60, width: 2, to: &out)
            out.append(UInt8(ascii: ":"))
            append(abs(offsetMinutes) % 60, width: 2, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Implementation

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> (date: Date, offsetSeconds: Int)? {
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<width {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                index += 1
            }
            return value
        }
        func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        guard let year = number(4), take("-"), let month = number(2), take("-"), let dayOfMonth = number(2),
            let day = CivilDate(year: year, month: month, day: dayOfMonth)
        else { return nil }
        guard take("T") || take("t") || take(" ") else { return nil }
        guard let hour = number(2), take(":"), let minute = number(2),
            hour < 24, minute < 60
        else { return nil }
        var second = 0
        var fraction = 0.0
        if take(":") {
            guard let value = number(2), value < 60 else { return nil }
            second = value
            if take(".") || take(",") {
                var scale = 0.1
                let first = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    fraction += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
                guard index > first else { return nil }
            }
        }

        let offset: Int
        if take("Z") || take("z") {
            offset = 0
        } else {
            let sign: Int
            if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
            guard let offsetHours = number(2) else { return nil }
            _ = take(":")
            guard let offsetMinutes = number(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard index == bytes.count else { return nil }

        let local = day.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        let date = Date(timeIntervalSince1970: TimeInterval(local - offset) + fraction)
        return (date, offset)
    }

    private static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = abs(value)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits.reversed())
    }
}
