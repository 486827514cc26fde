# Sourced by bench/run.sh and bench/idle.sh: what every private loopback Dovecot of the benchmarks needs.

# dovecot_prepare DIR TRUST_PASSWORD: stops an instance left in DIR, empties it (run/, state/, mail/), and makes a SAN
# certificate for 127.0.0.1 and localhost (server.crt, server.key) and a truststore.p12 that trusts it
dovecot_prepare() {
    local dir=$1 trust=$2
    if [ -f "$dir/run/master.pid" ]; then kill "$(cat "$dir/run/master.pid")" 2>/dev/null || true; sleep 1; fi
    rm -rf "$dir" && mkdir -p "$dir"/{run,state,mail}
    keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -validity 30 -dname CN=localhost \
        -ext SAN=IP:127.0.0.1,DNS:localhost -keystore "$dir/server.p12" -storetype PKCS12 \
        -storepass "$trust" -keypass "$trust" 2>/dev/null
    keytool -exportcert -rfc -alias server -keystore "$dir/server.p12" -storepass "$trust" \
        > "$dir/server.crt" 2>/dev/null
    openssl pkcs12 -in "$dir/server.p12" -nodes -nocerts -passin "pass:$trust" 2>/dev/null \
        | openssl pkey -out "$dir/server.key"
    chmod 600 "$dir/server.key"
    keytool -importcert -noprompt -alias bench -file "$dir/server.crt" -keystore "$dir/truststore.p12" \
        -storetype PKCS12 -storepass "$trust" >/dev/null 2>&1
}

# free_loopback_port FIRST LAST: prints the first port from FIRST to LAST that nothing on 127.0.0.1 listens on
free_loopback_port() {
    local candidate
    for candidate in $(seq "$1" "$2"); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return 0; fi
    done
    echo "no free port in $1-$2" >&2
    return 1
}

# await_loopback_port PORT: waits up to 5 s until something listens on 127.0.0.1:PORT
await_loopback_port() {
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
}
