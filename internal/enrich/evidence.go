package enrich

import (
	"strings"
	"sync"
)

// source names where in one evidence type an indicator sits: a path of property names.
// Walking it, an array is walked element by element, an object is stepped into, and a
// string is the indicator, also where the page documents an object: analyzedMessageEvidence
// carries urls as strings while teamsMessageEvidence carries urlEvidence objects, and a
// producer that flattens one into the other still gives us the value.
type source struct {
	path []string
	url  bool // the value is a URL: reduced to its host, "http://" assumed without a scheme
}

// host reads a host name or an IP address; url reads a URL and keeps its host.
func host(path ...string) source { return source{path: path} }
func url(path ...string) source  { return source{path: path, url: true} }

// evidenceType is what we read from one documented alertEvidence subtype.
type evidenceType struct {
	kind    string // the evidence kind in the output: the type name without "Evidence"
	sources []source
}

// Pages are in microsoftgraph/microsoft-graph-docs-contrib, api-reference/{v1.0,beta}/resources/.
// A type missing here is read by the generic scan in extract.go.
// Built on first use, not at start-up.
var evidenceTypes = sync.OnceValue(func() map[string]evidenceType {
	types := []evidenceType{
		// security-ipevidence.md: ipAddress, "either in V4 address or V6 address format".
		{"ip", []source{host("ipAddress")}},
		// security-urlevidence.md: url.
		{"url", []source{url("url")}},
		// security-dnsevidence.md (v1.0, 2026): domainName; ipAddresses (resolved, ipEvidence
		// collection); dnsServerIp and hostIpAddress (the server and the client, ipEvidence).
		{"dns", []source{host("domainName"), host("ipAddresses", "ipAddress"), host("dnsServerIp", "ipAddress"), host("hostIpAddress", "ipAddress")}},
		// security-networkconnectionevidence.md (v1.0, 2026): sourceAddress, destinationAddress
		// (ipEvidence).
		{"networkConnection", []source{host("sourceAddress", "ipAddress"), host("destinationAddress", "ipAddress")}},
		// security-analyzedmessageevidence.md: senderIp ("the last detected mail server that
		// relayed the message"), urls (String collection); p1Sender and p2Sender are
		// emailSender objects whose domainName is the sender domain (security-emailsender.md).
		{"analyzedMessage", []source{host("senderIp"), url("urls"), host("p1Sender", "domainName"), host("p2Sender", "domainName")}},
		// beta security-teamsmessageevidence.md: senderIP, urls (urlEvidence collection).
		{"teamsMessage", []source{host("senderIP"), url("urls", "url")}},
		// security-deviceevidence.md: ipInterfaces ("Ip interfaces of the device during the
		// time of the alert"). deviceDnsName is not read: it names a device of the tenant,
		// which MDTI knows nothing about and which should not leave the tenant.
		{"device", []source{host("ipInterfaces")}},
		// beta security-nicevidence.md: ipAddress (ipEvidence).
		{"nic", []source{host("ipAddress", "ipAddress")}},
		// beta security-iotdeviceevidence.md: ipAddress (ipEvidence), nics (nicEvidence).
		// sourceRef and devicePageLink point at the portal that manages the device: not read.
		{"ioTDevice", []source{host("ipAddress", "ipAddress"), host("nics", "ipAddress", "ipAddress")}},
		// security-kubernetespodevidence.md: podIp (ipEvidence).
		{"kubernetesPod", []source{host("podIp", "ipAddress")}},
		// security-kubernetesserviceevidence.md: clusterIP, externalIPs (ipEvidence).
		{"kubernetesService", []source{host("clusterIP", "ipAddress"), host("externalIPs", "ipAddress")}},
	}
	// Documented types that carry no host, IP or URL of interest, read for nothing so the
	// generic scan does not guess at them. security-alertevidence.md lists them (v1.0 and
	// beta). blobEvidence and blobContainerEvidence have a url, but it names the tenant's own
	// storage account; processEvidence and userEvidence have a userAccount.domainName, but it
	// is a Windows domain ("NT AUTHORITY"), not a DNS name.
	for _, kind := range []string{
		"alert", "amazonResource", "azureResource", "blobContainer", "blob", "cloudApplication",
		"cloudLogonRequest", "cloudLogonSession", "container", "containerImage", "containerRegistry",
		"file", "googleCloudResource", "kubernetesCluster", "kubernetesController",
		"kubernetesNamespace", "kubernetesSecret", "kubernetesServiceAccount", "mailCluster", "mailbox",
		"oauthApplication", "process", "registryKey", "registryValue", "securityGroup", "user",
	} {
		types = append(types, evidenceType{kind: kind})
	}
	byName := make(map[string]evidenceType, len(types))
	for _, t := range types {
		byName[strings.ToLower(t.kind+"Evidence")] = t
	}
	return byName
})

// lookupEvidenceType finds a documented type by its @odata.type name in any case (the
// pages spell "ioTDeviceEvidence" and "iotDeviceEvidence").
func lookupEvidenceType(name string) (evidenceType, bool) {
	t, ok := evidenceTypes()[strings.ToLower(name)]
	return t, ok
}

// kindOf names an undocumented type's evidence kind the way documented ones are named.
func kindOf(typeName string) string {
	if typeName == "" {
		return "unknown"
	}
	return strings.TrimSuffix(typeName, "Evidence")
}
