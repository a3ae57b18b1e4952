// `archive train …`: reproduce the committed models (deterministic training).
// Each model adds its subcommand to the list below.

import ArgumentParser

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a notebook model from the committed data (bit-for-bit reproducible on the same machine).",
        subcommands: [
            MLPTrainCommand.self,
            LundNetTrainCommand.self,
            AutoencoderTrainCommand.self,
        ]
    )
}
