package graph

import (
	"context"
	"encoding/json"
	"fmt"
)

// GetHostReputation fetches hosts/{id}/reputation.
func (c *Client) GetHostReputation(ctx context.Context, id string) (*HostReputation, error) {
	var r HostReputation
	if err := c.getInto(ctx, TIPath("hosts", id, "reputation"), &r, &r.Raw); err != nil {
		return nil, fmt.Errorf("get reputation for %q: %w", id, err)
	}
	return &r, nil
}

// getInto GETs path, keeps the normalized record in raw and decodes it into v.
func (c *Client) getInto(ctx context.Context, path string, v any, raw *json.RawMessage) error {
	obj, err := c.Get(ctx, path, nil)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(obj, v); err != nil {
		return fmt.Errorf("%w: %w", errDecode, err)
	}
	*raw = obj
	return nil
}
