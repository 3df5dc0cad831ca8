import ArgumentParser
import Foundation

@main
struct Movierec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movierec",
        abstract: "Train, evaluate and serve movie-rating recommenders.",
        subcommands: [ImportCommand.self, TrainCommand.self, EvalCommand.self, InspectCommand.self, ServeCommand.self,
                      ModelsCommand.self, GenerateCommand.self]
    )

    /// Standard output is line-buffered in every mode: the C library buffers it in blocks
    /// when it is not a terminal (`train > train.log`, Docker, systemd, CI), which held every
    /// epoch line back until the end of training.
    static func main() {
        setvbuf(stdout, nil, _IOLBF, 0)
        main(nil)
    }
}
