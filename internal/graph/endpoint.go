package graph

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrPlainHTTP means the endpoint is plain http on a host other than this machine: a
// bearer token sent there crosses the network in clear text.
var ErrPlainHTTP = errors.New("refusing to send a token over plain http except to a loopback address (127.0.0.1, ::1, localhost); use https")

// EndpointError is a Graph endpoint that cannot be used: not an absolute http(s) URL
// with a host and nothing else, or plain http to another machine while a token would be
// sent. It is a configuration mistake (the --endpoint flag, MDTI_GRAPH_ENDPOINT or the
// graph_endpoint setting): the CLI reports it as a usage error.
type EndpointError struct {
	Endpoint string
	Err      error
}

func (e *EndpointError) Error() string {
	return fmt.Sprintf("graph endpoint %q: %v", oneLine(e.Endpoint), e.Err)
}

func (e *EndpointError) Unwrap() error { return e.Err }

// IsEndpointError reports a bad Graph endpoint anywhere in err's chain (exit 2).
func IsEndpointError(err error) bool {
	var e *EndpointError
	return errors.As(err, &e)
}

var errEndpointShape = errors.New("want an http(s) URL with a host and nothing else")

// parseOrigin accepts an absolute http(s) URL without query or fragment.
// A path is not allowed: the version root is always origin + "/" + version.
func parseOrigin(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, &EndpointError{Endpoint: raw, Err: err}
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, &EndpointError{Endpoint: raw, Err: errEndpointShape}
	}
	return &url.URL{Scheme: strings.ToLower(u.Scheme), Host: strings.ToLower(u.Host)}, nil
}

// checkPlainHTTP refuses an http URL whose host is not this machine.
func checkPlainHTTP(u *url.URL) error {
	if !strings.EqualFold(u.Scheme, "http") || isLoopback(u.Hostname()) {
		return nil
	}
	return &EndpointError{Endpoint: u.Scheme + "://" + u.Host, Err: ErrPlainHTTP}
}

// isLoopback is true for localhost and addresses in 127.0.0.0/8 or ::1. Names are not
// resolved: "localhost" is the only name trusted to stay on this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
