import Foundation

/// The one way Reclam spreads work over the cores.
public enum Parallel {
    /// Order-preserving parallel map; chunks keep the scheduling cost small next to the I/O.
    public static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        if items.count < 64 { return items.map(transform) }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = workers * 8
        let chunkSize = (items.count + chunks - 1) / chunks
        let results = ResultBox<U>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            let end = min(start + chunkSize, items.count)
            guard start < end else { return }
            for index in start..<end {
                results.set(index, transform(items[index]))
            }
        }
        return results.values()
    }
}

/// Each slot is written by exactly one worker, and read only after all workers are done.
private final class ResultBox<U>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<U?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: U) { storage[index] = value }

    func values() -> [U] { (0..<count).map { storage[$0]! } }
}
