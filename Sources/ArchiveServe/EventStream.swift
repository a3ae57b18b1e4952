import FlyingSocks

/// The body of the `text/event-stream` response: a `hello` event with the current generation,
/// then a `reload` event per rebuild, for as long as the page stays open.
struct ReloadEvents: AsyncBufferedSequence {
    typealias Element = UInt8
    let generations: AsyncStream<Int>

    func makeAsyncIterator() -> Iterator { Iterator(base: generations.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Int>.Iterator
        var greeted = false
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty { pending = try await nextBuffer(suggested: 4096) ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            guard let generation = await base.next() else { return nil }
            let name = greeted ? "reload" : "hello"
            greeted = true
            return Array("event: \(name)\ndata: \(generation)\n\n".utf8)
        }
    }
}
