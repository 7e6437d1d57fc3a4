import Foundation

// Placeholder until the calendar module lands; replaced by Calendar/CivilDate.swift and ISODateTime.swift.
public struct CivilDate: Sendable, Hashable, Comparable {
    public var year: Int, month: Int, day: Int
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= CivilDate.days(in: m, year: y)
        else { return nil }
        year = y
        month = m
        day = d
    }
    static func days(in month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

public enum ISODateTime {
    public static func parse(_ text: String) -> (date: Date, offsetSeconds: Int)? {
        let u = Array(text.utf8)
        guard u.count >= 20, let date = CivilDate(String(decoding: u[0..<10], as: UTF8.self)), u[10] == UInt8(ascii: "T") else {
            return nil
        }
        func num(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
        guard let h = num(11..<13), u[13] == UInt8(ascii: ":"), let mi = num(14..<16), u[16] == UInt8(ascii: ":"), let s = num(17..<19),
            h < 24, mi < 60, s < 60
        else { return nil }
        var i = 19
        var frac = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            let start = i
            i += 1
            while i < u.count, (48...57).contains(u[i]) { i += 1 }
            frac = Double(String(decoding: u[start..<i], as: UTF8.self)) ?? 0
        }
        var offset = 0
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: "Z") {
            i += 1
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign = u[i] == UInt8(ascii: "+") ? 1 : -1
            guard u.count - i >= 5, let oh = num(i + 1..<i + 3) else { return nil }
            var j = i + 3
            if j < u.count, u[j] == UInt8(ascii: ":") { j += 1 }
            guard j + 2 <= u.count, let om = num(j..<j + 2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i = j + 2
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let days = daysFromCivil(date.year, date.month, date.day)
        let seconds = Double(days * 86400 + h * 3600 + mi * 60 + s - offset) + frac
        return (Date(timeIntervalSince1970: seconds), offset)
    }
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

extension ISODateTime {
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, sign, o / 3600,
            (o % 3600) / 60)
    }
}
