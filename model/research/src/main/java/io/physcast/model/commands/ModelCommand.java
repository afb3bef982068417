package io.physcast.model.commands;

/** A command of scripts/model.sh: its options are picocli-annotated fields, set before run. */
interface ModelCommand {
    void run() throws Exception;
}
