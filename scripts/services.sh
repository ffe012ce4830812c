#!/usr/bin/env bash
# Installs and starts the services Cairn's full test suite talks to, and exports the variables
# that switch those tests on. Source it: `. scripts/services.sh`. Safe to run again.
#
#   CAIRN_TEST_POSTGRES  admin URL of a PostgreSQL server; the storage suite creates (and drops)
#                        a database of its own there.
#   CAIRN_TEST_IMAP      host:port of a Dovecot IMAP server on loopback (plain text and STARTTLS
#                        with a self-signed certificate).
#   CAIRN_TEST_IMAPS     host:port of the same Dovecot over implicit TLS; CAIRN_TEST_MAIL_CA is
#                        the test CA that signed its certificate (localhost, 127.0.0.1).
#   CAIRN_TEST_DOVECOT_CONF  that Dovecot's configuration (for `doveadm -c … kick`).
#   CAIRN_TEST_SMTP      host:port of an OpenSMTPD server on loopback that delivers mail for
#                        @cairn.test into that Dovecot (over LMTP).
#   CAIRN_TEST_SHOP_USER / _PASSWORD, CAIRN_TEST_CUSTOMER_USER / _PASSWORD,
#   CAIRN_TEST_LOAD_USER / _PASSWORD, CAIRN_TEST_IDLE_USER / _PASSWORD,
#   CAIRN_TEST_BUYER_USER / _PASSWORD, CAIRN_TEST_FAULT_USER / _PASSWORD  the test accounts (one per test scenario, so tests that
#                        run in parallel never share a mailbox).
#   CAIRN_TEST_CHROMEDRIVER  URL of a chromedriver on loopback (Debian's chromium-driver), for the
#                        UI tests in a real browser; CAIRN_TEST_CHROMIUM is the browser it starts.

CAIRN_MAIL_ROOT="${CAIRN_MAIL_ROOT:-/var/tmp/cairn-mail}"

cairn_services_port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

cairn_services_mail() {
    local root="$CAIRN_MAIL_ROOT" conf="$CAIRN_MAIL_ROOT/conf"
    mkdir -p "$conf" "$root/run" "$root/state" "$root/mail"
    chown mail:mail "$root/mail"

    # A test CA and a server certificate for localhost / 127.0.0.1 signed by it, so clients can
    # verify the server against the CA (CAIRN_TEST_MAIL_CA) instead of turning checks off.
    if [ ! -f "$conf/ca.pem" ] || [ ! -f "$conf/cert.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Cairn test CA" \
            -keyout "$conf/ca.key" -out "$conf/ca.pem" >/dev/null 2>&1 || return 1
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
            -keyout "$conf/key.pem" -out "$conf/server.csr" >/dev/null 2>&1 || return 1
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$conf/server.ext"
        openssl x509 -req -in "$conf/server.csr" -CA "$conf/ca.pem" -CAkey "$conf/ca.key" \
            -CAcreateserial -days 3650 -extfile "$conf/server.ext" -out "$conf/cert.pem" >/dev/null 2>&1 || return 1
        chmod 600 "$conf/key.pem" "$conf/ca.key"
    fi

    # user:{PLAIN}password:uid:gid::home::
    : >"$conf/users"
    local user
    for user in shop customer load idle buyer fault; do
        echo "$user@cairn.test:{PLAIN}$user-secret:8:8::$root/mail/$user::" >>"$conf/users"
    done
    chmod 640 "$conf/users"
    chgrp dovecot "$conf/users" 2>/dev/null || true

    cat >"$conf/dovecot.conf" <<CONF
base_dir = $root/run
state_dir = $root/state
log_path = $root/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <$conf/cert.pem
ssl_key = <$conf/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
first_valid_gid = 8
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $conf/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $conf/users
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    auto = subscribe
    special_use = \Sent
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 10143
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = 10993
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@cairn.test
}
CONF

    cat >"$conf/smtpd.conf" <<CONF
listen on 127.0.0.1 port 10025 hostname cairn.test
table vusers file:$conf/vusers
action "deliver" lmtp "$root/run/lmtp" rcpt-to virtual <vusers>
match from any for domain "cairn.test" action "deliver"
CONF
    chmod 644 "$conf/smtpd.conf"
    : >"$conf/vusers"
    for user in shop customer load idle buyer fault; do
        echo "$user@cairn.test mail" >>"$conf/vusers"
    done
    chmod 644 "$conf/vusers"

    if ! cairn_services_port_open 127.0.0.1 10143; then
        dovecot -c "$conf/dovecot.conf" || { echo "services: dovecot did not start (see $root/dovecot.log)" >&2; return 1; }
    else
        # Running already: pick up a changed configuration.
        doveadm -c "$conf/dovecot.conf" reload >/dev/null 2>&1 || true
    fi
    if ! cairn_services_port_open 127.0.0.1 10025; then
        smtpd -f "$conf/smtpd.conf" || { echo "services: smtpd did not start" >&2; return 1; }
    else
        smtpctl update table vusers >/dev/null 2>&1 || true
    fi
    for _ in $(seq 1 30); do
        cairn_services_port_open 127.0.0.1 10143 && cairn_services_port_open 127.0.0.1 10025 && break
        sleep 0.5
    done
    export CAIRN_TEST_IMAP=127.0.0.1:10143
    export CAIRN_TEST_SMTP=127.0.0.1:10025
    export CAIRN_TEST_IMAPS=127.0.0.1:10993
    export CAIRN_TEST_MAIL_CA="$conf/ca.pem"
    export CAIRN_TEST_DOVECOT_CONF="$conf/dovecot.conf"
    for user in shop customer load idle buyer fault; do
        local upper
        upper=$(echo "$user" | tr '[:lower:]' '[:upper:]')
        export "CAIRN_TEST_${upper}_USER=$user@cairn.test"
        export "CAIRN_TEST_${upper}_PASSWORD=$user-secret"
    done
    echo "services: Dovecot IMAP $CAIRN_TEST_IMAP, OpenSMTPD $CAIRN_TEST_SMTP (users shop, customer, load, idle, buyer, fault @cairn.test)"
}

# Headless Chromium for the UI tests, driven over WebDriver by a chromedriver that listens on
# loopback only (its default). The pid file lets a later run tell its own driver from a stale file.
cairn_services_browser() {
    local root="${CAIRN_BROWSER_ROOT:-/var/tmp/cairn-browser}" port=9515 pid
    mkdir -p "$root"
    if ! cairn_services_port_open 127.0.0.1 "$port"; then
        pid=$(cat "$root/chromedriver.pid" 2>/dev/null || true)
        # A driver of ours that stopped answering (the pid may since belong to another program).
        if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = chromedriver ]; then
            kill "$pid" 2>/dev/null || true
        fi
        nohup chromedriver --port="$port" --log-path="$root/chromedriver.log" \
            </dev/null >/dev/null 2>&1 &
        echo $! >"$root/chromedriver.pid"
        for _ in $(seq 1 30); do
            cairn_services_port_open 127.0.0.1 "$port" && break
            sleep 0.5
        done
        if ! cairn_services_port_open 127.0.0.1 "$port"; then
            echo "services: chromedriver did not start (see $root/chromedriver.log)" >&2
            return 1
        fi
    fi
    export CAIRN_TEST_CHROMEDRIVER="http://127.0.0.1:$port"
    CAIRN_TEST_CHROMIUM="$(command -v chromium)"
    export CAIRN_TEST_CHROMIUM
    echo "services: chromedriver $CAIRN_TEST_CHROMEDRIVER (pid $(cat "$root/chromedriver.pid" 2>/dev/null || echo '?'), browser $CAIRN_TEST_CHROMIUM)"
}

cairn_services_main() {
    local need_apt=()
    command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
    command -v dovecot >/dev/null 2>&1 || need_apt+=(dovecot-imapd dovecot-lmtpd)
    command -v smtpd >/dev/null 2>&1 || need_apt+=(opensmtpd)
    command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
    command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
    if [ ${#need_apt[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "services: need root to install ${need_apt[*]}" >&2
            return 1
        fi
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    fi

    # PostgreSQL: start the first cluster if it is not answering.
    if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
        local version
        version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
        if [ -z "$version" ]; then
            echo "services: no PostgreSQL cluster found" >&2
            return 1
        fi
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
        for _ in $(seq 1 30); do
            pg_isready -h 127.0.0.1 -p 5432 -q && break
            sleep 1
        done
    fi
    export CAIRN_TEST_POSTGRES="${CAIRN_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
    echo "services: PostgreSQL ready ($CAIRN_TEST_POSTGRES)"

    cairn_services_mail || return 1
    cairn_services_browser
}

cairn_services_main
