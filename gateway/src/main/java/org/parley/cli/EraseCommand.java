package org.parley.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.erasure.Erasure;
import org.parley.model.ArchivedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Erase a post on request: its content goes from the archive, the search index and the store's"
                + " files; a tombstone keeps its place in the thread, and the audit log says who, when and why.")
final class EraseCommand implements Callable<Integer>, AdminCommand {
    @ParentCommand
    ParleyCommand parent;
    @Parameters(paramLabel = "MESSAGE-ID", description = "The post's Message-ID, with or without <>.")
    String messageId;
    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (goes into the audit log).")
    String reason;
    @Option(names = "--list", paramLabel = "LIST", description = "Only the copy archived in this list.")
    String list;
    @Option(names = "--translations", description = "Erase its translations too.")
    boolean translations;

    @Override
    public Integer call() {
        Context c = parent.context;
        Erasure.Erased erased = c.admin().erase(messageId, Optional.ofNullable(list), reason, translations,
                "cli:" + System.getProperty("user.name", "admin"));
        for (ArchivedMessage m : erased.messages()) {
            c.out.println("erased " + m.messageId() + " in " + m.list());
        }
        c.out.println("copies stopped before sending: " + erased.mailingsStopped() + "; returned mail cleared: "
                + erased.arrivalsCleared());
        c.out.println("copies already delivered to members' mailboxes are out of the forum's reach");
        return 0;
    }
}
