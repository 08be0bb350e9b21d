package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server is a running emulator listener.
type Server struct {
	srv      *http.Server
	ln       net.Listener
	url      string
	caPEM    []byte
	serveErr chan error
}

// Serve listens on addr ("127.0.0.1:0" picks a free port) and serves h until ctx ends or
// Close is called. With useTLS it serves HTTPS (HTTP/2 enabled) with a certificate for
// 127.0.0.1, ::1 and localhost issued by a fresh in-memory CA; CACertPEM returns that CA.
func Serve(ctx context.Context, addr string, h http.Handler, useTLS bool) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	s := &Server{
		ln:       ln,
		srv:      &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		serveErr: make(chan error, 1),
	}
	scheme := "http"
	if useTLS {
		if err := s.setupTLS(); err != nil {
			ln.Close()
			return nil, err
		}
		scheme = "https"
	}
	s.url = scheme + "://" + ln.Addr().String()
	go s.run(useTLS)
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

func (s *Server) setupTLS() error {
	ca, err := newTLSAuthority()
	if err != nil {
		return fmt.Errorf("create emulator CA: %w", err)
	}
	leaf, err := ca.issueLocalhost()
	if err != nil {
		return fmt.Errorf("issue emulator certificate: %w", err)
	}
	s.caPEM = ca.certPEM
	s.srv.TLSConfig = &tls.Config{
		Certificates: []tls.Certificate{leaf},
		NextProtos:   []string{"h2", "http/1.1"},
		MinVersion:   tls.VersionTLS12,
	}
	return nil
}

func (s *Server) run(useTLS bool) {
	var err error
	if useTLS {
		err = s.srv.ServeTLS(s.ln, "", "")
	} else {
		err = s.srv.Serve(s.ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	s.serveErr <- err
}

// URL is the base URL, e.g. https://127.0.0.1:54321 (no trailing slash).
func (s *Server) URL() string { return s.url }

// CACertPEM is the PEM of the CA that issued the TLS certificate; nil without TLS.
func (s *Server) CACertPEM() []byte { return append([]byte(nil), s.caPEM...) }

// Close stops the server and waits briefly for in-flight requests.
//
// It closes connections at once rather than waiting for idle HTTP/2 clients to hang up:
// the emulator's clients are our own process or tests that are done with it.
func (s *Server) Close() error {
	if err := s.srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("close emulator: %w", err)
	}
	return nil
}
