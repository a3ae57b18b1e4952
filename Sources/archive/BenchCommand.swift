import ArchiveScaffold
import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark helpers.", subcommands: [BenchGenerate.self])
}

struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic archive of N talks into DIR/Content.",
        discussion: """
            Sessions of 12 talks fill four slots a day in parallel rooms; about 0.7 people per talk,
            13 tracks, abstracts of about 180 words with TeX, emphasis and links. The same arguments
            give the same bytes on every machine.

            Example: archive bench generate --talks 10000 --out /tmp/big && \
            archive build --content /tmp/big/Content --output /tmp/big/Output
            """)

    @Option(help: "How many talks.") var talks: Int
    @Option(help: "The folder to write Content/ into (it must not have one).") var out: String
    @Option(help: "Parallel rooms (default: as many as the days need).") var rooms: Int?
    @Option(help: "Days (more when the rooms cannot hold the sessions).") var days = 5

    func validate() throws {
        guard talks >= 1, talks <= 200_000 else { throw ValidationError("--talks must be from 1 to 200000") }
        guard days >= 1, days <= 366 else { throw ValidationError("--days must be from 1 to 366") }
        if let rooms, rooms < 1 || rooms > 500 { throw ValidationError("--rooms must be from 1 to 500") }
    }

    func run() throws {
        let archive = SyntheticArchive(talks: talks, days: days, rooms: rooms)
        do {
            try archive.write(into: out)
        } catch let error as NewFile.RequestError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        print("Wrote a synthetic archive of \(talks) talks into \(out)/Content")
    }
}
