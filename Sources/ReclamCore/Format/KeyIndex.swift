/// Finds the earlier pair of a mapping with a given key, in time linear in the mapping's size
/// over all its keys: a plain search while the mapping is small (nearly always), a dictionary
/// once it is not, so that a front-matter of 100 000 keys costs 100 000 look-ups, not five
/// billion comparisons.
struct KeyIndex {
    static let searchLimit = 16
    private var positions: [String: Int] = [:]
    private var indexed = 0

    mutating func first(_ key: String, in pairs: [YAMLPair]) -> YAMLPair? {
        if pairs.count <= Self.searchLimit { return pairs.first { $0.key == key } }
        while indexed < pairs.count {
            let pair = pairs[indexed]
            if positions[pair.key] == nil { positions[pair.key] = indexed }
            indexed += 1
        }
        return positions[key].map { pairs[$0] }
    }
}
