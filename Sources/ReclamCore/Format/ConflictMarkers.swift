import Foundation

/// Conflict markers left in a file by a merge (`git merge`, `git pull`, `reclam sync`, or
/// `reclam merge-file` as git's merge driver): `<<<<<<<`, `|||||||`, `=======` and `>>>>>>>`
/// at the start of a line, seven characters, then a space or the end of the line.
public enum ConflictMarkers {
    public static let ours = "<<<<<<<"
    public static let base = "|||||||"
    public static let separator = "======="
    public static let theirs = ">>>>>>>"

    /// One region between `<<<<<<<` and `>>>>>>>`.
    public struct Region: Sendable, Equatable {
        /// 1-based line of the `<<<<<<<` line.
        public var line: Int
        public var oursLabel: String
        public var theirsLabel: String
        /// The lines of each side, each with its line ending removed.
        public var ours: [String]
        public var baseLines: [String]?
        public var theirs: [String]
        /// The line range of the whole region, markers included (1-based, inclusive).
        public var lines: ClosedRange<Int>
    }

    /// Whether the bytes may hold a marker: seven `<` or seven `>` in a row, found with memchr,
    /// a fast test for readers of 100 000 files.
    public static func mayContain(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress, raw.count >= 7 else { return false }
            let bytes = raw.bindMemory(to: UInt8.self)
            for mark: UInt8 in [0x3C, 0x3E] {
                var offset = 0
                while offset <= raw.count - 7, let found = memchr(base + offset, Int32(mark), raw.count - 7 - offset + 1) {
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if (1..<7).allSatisfy({ bytes[at + $0] == mark }) { return true }
                    offset = at + 1
                }
            }
            return false
        }
    }

    /// The 1-based line of the first marker line, nil when there is none.
    public static func firstMarkerLine(in text: String) -> Int? {
        var number = 0
        for line in lines(text) {
            number += 1
            if kind(of: line) != nil { return number }
        }
        return nil
    }

    enum Kind { case ours, base, separator, theirs }

    static func kind(of line: Substring) -> Kind? {
        guard line.utf8.count >= 7 else { return nil }
        let head = line.utf8.prefix(7)
        let rest = line.utf8.dropFirst(7)
        guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x0D else { return nil }
        switch String(decoding: head, as: UTF8.self) {
        case ours: return .ours
        case base: return .base
        case separator: return .separator
        case theirs: return .theirs
        default: return nil
        }
    }

    /// The text's lines without their line endings.
    package static func lines(_ text: String) -> [Substring] {
        // "\r\n" is one Character in Swift: split on either.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// Every well-formed region, in file order. Stray marker lines outside a region are ignored
    /// here; `firstMarkerLine` still finds them.
    public static func regions(in text: String) -> [Region] {
        var out: [Region] = []
        var current: Region?
        var side = Kind.ours
        for (offset, line) in lines(text).enumerated() {
            let number = offset + 1
            switch kind(of: line) {
            case .ours:
                current = Region(
                    line: number, oursLabel: label(line), theirsLabel: "", ours: [], baseLines: nil, theirs: [], lines: number...number)
                side = .ours
            case .base where current != nil:
                current?.baseLines = []
                side = .base
            case .separator where current != nil:
                side = .theirs
            case .theirs where current != nil:
                if var region = current {
                    region.theirsLabel = label(line)
                    region.lines = region.line...number
                    out.append(region)
                }
                current = nil
            default:
                guard current != nil else { continue }
                switch side {
                case .ours: current?.ours.append(String(line))
                case .base: current?.baseLines?.append(String(line))
                default: current?.theirs.append(String(line))
                }
            }
        }
        return out
    }

    private static func label(_ line: Substring) -> String {
        line.dropFirst(7).trimmingCharacters(in: .whitespaces)
    }

    /// The text with every region replaced by the lines `choose` returns for it; the line
    /// ending of the file is kept.
    public static func resolving(_ text: String, _ choose: (Region) -> [String]) -> String {
        let eol = text.contains("\r\n") ? "\r\n" : "\n"
        let all = lines(text)
        let regions = regions(in: text)
        var out: [String] = []
        var number = 1
        var regionIndex = 0
        while number <= all.count {
            if regionIndex < regions.count, regions[regionIndex].line == number {
                let region = regions[regionIndex]
                out += choose(region)
                number = region.lines.upperBound + 1
                regionIndex += 1
                continue
            }
            out.append(String(all[number - 1]))
            number += 1
        }
        return out.joined(separator: eol)
    }
}
