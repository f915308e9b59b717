package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	openapi "indoxhub/openapi"
)

func decode(name string, raw []byte) (interface{}, error) {
	var value interface{}
	switch name {
	case "Usage":
		value = &openapi.Usage{}
	case "ChatResponse":
		value = &openapi.ChatResponse{}
	case "CompletionResponse":
		value = &openapi.CompletionResponse{}
	case "EmbeddingResponse":
		value = &openapi.EmbeddingResponse{}
	case "ImageResponse":
		value = &openapi.ImageResponse{}
	case "VideoResponse":
		value = &openapi.VideoResponse{}
	case "AudioResponse":
		value = &openapi.AudioResponse{}
	case "VideoJobStatus":
		value = &openapi.VideoJobStatus{}
	case "ErrorBody":
		value = &openapi.ErrorBody{}
	case "ValidationErrorBody":
		value = &openapi.ValidationErrorBody{}
	default:
		return nil, fmt.Errorf("unknown type %q", name)
	}
	if err := json.Unmarshal(raw, value); err != nil {
		return nil, err
	}
	return value, nil
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var request struct {
				Type    string          `json:"type"`
				Payload json.RawMessage `json:"payload"`
			}
			var answer []byte
			if e := json.Unmarshal(line, &request); e != nil {
				answer, _ = json.Marshal(map[string]string{"error": e.Error()})
			} else if value, e := decode(request.Type, request.Payload); e != nil {
				answer, _ = json.Marshal(map[string]string{"error": e.Error()})
			} else if encoded, e := json.Marshal(value); e != nil {
				answer, _ = json.Marshal(map[string]string{"error": e.Error()})
			} else {
				answer = encoded
			}
			out.Write(answer)
			out.WriteByte('\n')
		}
		if err != nil {
			break
		}
	}
}
