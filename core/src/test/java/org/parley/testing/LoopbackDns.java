package org.parley.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server on a loopback UDP port that answers TXT questions from a table: enough for
 * DMARC policies and DKIM keys. A name marked silent gets no answer at all (a timeout).
 */
public final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger questions = new AtomicInteger();
    private final Thread thread;

    public LoopbackDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:PORT}, as parley.dns.resolver takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** A TXT record; a text longer than a DNS string is cut into several, as zone files do. */
    public LoopbackDns txt(String name, String... texts) {
        List<String> strings = new ArrayList<>();
        for (String text : texts) {
            for (int i = 0; i < text.length(); i += 255) {
                strings.add(text.substring(i, Math.min(text.length(), i + 255)));
            }
        }
        txt.put(key(name), strings);
        return this;
    }

    public LoopbackDns silent(String name) {
        silent.add(key(name));
        return this;
    }

    public int questions() {
        return questions.get();
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                questions.incrementAndGet();
                Record question = query.getQuestion();
                String name = question.getName().toString().toLowerCase(Locale.ROOT);
                if (silent.contains(name)) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                if (query.getHeader().getFlag(Flags.RD)) {
                    answer.getHeader().setFlag(Flags.RD);
                }
                answer.getHeader().setFlag(Flags.RA);
                answer.addRecord(question, Section.QUESTION);
                List<String> strings = txt.get(name);
                if (strings == null) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (question.getType() == Type.TXT) {
                    answer.addRecord(new TXTRecord(Name.fromString(name), DClass.IN, 60, strings), Section.ANSWER);
                }
                byte[] wire = answer.toWire(512);
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
